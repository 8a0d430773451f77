{{/*
The operator's settings (docs/operator.md#configuration). Optional endpoints and limits are left
out when empty, so that the operator's own defaults apply.
*/}}
{{- define "costsentry.operatorEnv" -}}
- name: COSTSENTRY_OPERATOR_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- with .Values.aws.region }}
- name: COSTSENTRY_OPERATOR_REGION
  value: {{ . | quote }}
{{- end }}
{{- with .Values.aws.bedrockEndpoint }}
- name: COSTSENTRY_OPERATOR_BEDROCK_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: COSTSENTRY_DYNAMODB_TABLE
  value: {{ .Values.aws.dynamodb.table | quote }}
{{- with .Values.aws.dynamodb.endpoint }}
- name: COSTSENTRY_DYNAMODB_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: COSTSENTRY_DYNAMODB_CREATE_TABLE
  value: {{ .Values.aws.dynamodb.createTable | quote }}
- name: COSTSENTRY_OPERATOR_STATUS_REFRESH_INTERVAL
  value: {{ .Values.operator.statusRefreshInterval | quote }}
- name: COSTSENTRY_OPERATOR_DRIFT_REPAIR_INTERVAL
  value: {{ .Values.operator.driftRepairInterval | quote }}
- name: COSTSENTRY_OPERATOR_RECONCILE_THREADS
  value: {{ .Values.operator.reconcileThreads | quote }}
- name: COSTSENTRY_OPERATOR_EVENT_NAMESPACE
  value: {{ .Values.operator.eventNamespace | quote }}
- name: COSTSENTRY_OPERATOR_ADMIN_PORT
  value: {{ .Values.operator.adminPort | quote }}
- name: COSTSENTRY_OPERATOR_LEADER_ELECTION
  value: {{ .Values.operator.leaderElection.enabled | quote }}
- name: COSTSENTRY_OPERATOR_LEASE_NAME
  value: {{ include "costsentry.operatorName" . | quote }}
- name: COSTSENTRY_OPERATOR_LEASE_DURATION
  value: {{ .Values.operator.leaderElection.leaseDuration | quote }}
- name: COSTSENTRY_ACTIVATE_COST_ALLOCATION_TAGS
  value: {{ .Values.billing.activateCostAllocationTags | quote }}
- name: COSTSENTRY_BILLED_COST
  value: {{ .Values.billing.billedCost | quote }}
- name: COSTSENTRY_BILLING_REFRESH_INTERVAL
  value: {{ .Values.billing.refreshInterval | quote }}
- name: COSTSENTRY_BILLING_RETRY_INTERVAL
  value: {{ .Values.billing.retryInterval | quote }}
- name: COSTSENTRY_BILLING_DRIFT_TOLERANCE_PERCENT
  value: {{ .Values.billing.driftTolerancePercent | quote }}
- name: COSTSENTRY_BILLING_DRIFT_TOLERANCE_USD
  value: {{ .Values.billing.driftToleranceUSD | quote }}
{{- with .Values.billing.awsAccountId }}
- name: COSTSENTRY_AWS_ACCOUNT_ID
  value: {{ . | quote }}
{{- end }}
{{- with .Values.billing.costExplorerEndpoint }}
- name: COSTSENTRY_COST_EXPLORER_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .Values.billing.budgetsEndpoint }}
- name: COSTSENTRY_BUDGETS_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .Values.billing.cloudWatchEndpoint }}
- name: COSTSENTRY_CLOUDWATCH_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: COSTSENTRY_DASHBOARD
  value: {{ .Values.billing.dashboard.enabled | quote }}
- name: COSTSENTRY_DASHBOARD_NAME
  value: {{ .Values.billing.dashboard.name | quote }}
- name: COSTSENTRY_WEBHOOK_PORT
  value: {{ .Values.webhook.port | quote }}
- name: COSTSENTRY_WEBHOOK_CERTS
  value: {{ include "costsentry.operatorCertsMode" . | quote }}
- name: COSTSENTRY_WEBHOOK_CERT_VALIDITY
  value: {{ .Values.webhook.certValidity | quote }}
- name: COSTSENTRY_WEBHOOK_SECRET
  value: {{ include "costsentry.webhookSecretName" . | quote }}
- name: COSTSENTRY_WEBHOOK_SERVICE
  value: {{ include "costsentry.webhookServiceName" . | quote }}
- name: COSTSENTRY_MUTATING_WEBHOOK
  value: {{ include "costsentry.mutatingWebhookName" . | quote }}
- name: COSTSENTRY_VALIDATING_WEBHOOK
  value: {{ include "costsentry.validatingWebhookName" . | quote }}
- name: COSTSENTRY_SIDECAR_IMAGE
  value: {{ include "costsentry.sidecarImage" . | quote }}
- name: COSTSENTRY_SIDECAR_IMAGE_PULL_POLICY
  value: {{ .Values.sidecar.image.pullPolicy | quote }}
- name: COSTSENTRY_SIDECAR_CPU_REQUEST
  value: {{ .Values.sidecar.resources.requests.cpu | quote }}
- name: COSTSENTRY_SIDECAR_MEMORY_REQUEST
  value: {{ .Values.sidecar.resources.requests.memory | quote }}
{{- with .Values.sidecar.resources.limits.cpu }}
- name: COSTSENTRY_SIDECAR_CPU_LIMIT
  value: {{ . | quote }}
{{- end }}
- name: COSTSENTRY_SIDECAR_MEMORY_LIMIT
  value: {{ .Values.sidecar.resources.limits.memory | quote }}
{{- with .Values.sidecar.bedrockEndpoint }}
- name: COSTSENTRY_SIDECAR_BEDROCK_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .Values.operator.jvmOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- with .Values.operator.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Names. With release "costsentry" they are the names of docs/operator-rbac.yaml. Names are cut to
40 characters so that the longest suffix still fits the 63 characters of a Service or label.
*/}}
{{- define "costsentry.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "costsentry.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Deployment, ClusterRole and its binding, and the leader-election Lease. */}}
{{- define "costsentry.operatorName" -}}
{{- printf "%s-operator" (include "costsentry.fullname" .) }}
{{- end }}

{{- define "costsentry.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "costsentry.operatorName" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "costsentry.metricsServiceName" -}}
{{- printf "%s-operator-metrics" (include "costsentry.fullname" .) }}
{{- end }}

{{- define "costsentry.webhookServiceName" -}}
{{- printf "%s-webhook" (include "costsentry.fullname" .) }}
{{- end }}

{{- define "costsentry.webhookSecretName" -}}
{{- printf "%s-webhook-tls" (include "costsentry.fullname" .) }}
{{- end }}

{{/* cert-manager Certificate that writes the webhook Secret (cert-manager mode). */}}
{{- define "costsentry.webhookCertificateName" -}}
{{- printf "%s-webhook" (include "costsentry.fullname" .) }}
{{- end }}

{{- define "costsentry.mutatingWebhookName" -}}
{{- printf "%s-sidecar-injector" (include "costsentry.fullname" .) }}
{{- end }}

{{- define "costsentry.validatingWebhookName" -}}
{{- printf "%s-budget-validator" (include "costsentry.fullname" .) }}
{{- end }}

{{/* The operator's --webhook-certs: cert-manager writes the Secret, so the operator only reads it. */}}
{{- define "costsentry.operatorCertsMode" -}}
{{- if eq .Values.webhook.certs "cert-manager" }}external{{ else }}self-signed{{ end }}
{{- end }}

{{/* Labels. */}}
{{- define "costsentry.selectorLabels" -}}
app.kubernetes.io/name: {{ include "costsentry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "costsentry.operatorSelectorLabels" -}}
{{ include "costsentry.selectorLabels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "costsentry.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "costsentry.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: costsentry
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Images: the tag defaults to the chart's appVersion. */}}
{{- define "costsentry.operatorImage" -}}
{{- printf "%s:%s" .Values.operator.image.repository (default .Chart.AppVersion .Values.operator.image.tag) }}
{{- end }}

{{- define "costsentry.sidecarImage" -}}
{{- printf "%s:%s" .Values.sidecar.image.repository (default .Chart.AppVersion .Values.sidecar.image.tag) }}
{{- end }}

{{/*
The webhooks' endpoint: the webhook Service on 443 in the release namespace. Takes a dict with
"root" (the chart context) and "path".
*/}}
{{- define "costsentry.webhookClientConfig" -}}
clientConfig:
  service:
    name: {{ include "costsentry.webhookServiceName" .root }}
    namespace: {{ .root.Release.Namespace }}
    path: {{ .path }}
    port: 443
{{- end }}

{{/* Namespaces the pods webhook never sees. */}}
{{- define "costsentry.excludedNamespaces" -}}
{{- $names := list "kube-system" "kube-node-lease" "kube-public" .Release.Namespace }}
{{- toYaml (concat $names .Values.webhook.excludedNamespaces | uniq) }}
{{- end }}

{{/* Refuses combinations the schema cannot express. */}}
{{- define "costsentry.validate" -}}
{{- if and (gt (int .Values.operator.replicas) 1) (not .Values.operator.leaderElection.enabled) }}
{{- fail "operator.replicas > 1 needs operator.leaderElection.enabled: two reconcilers must never run side by side" }}
{{- end }}
{{- end }}

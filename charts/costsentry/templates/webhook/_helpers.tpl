{{/*
Where the webhook configurations' caBundle comes from. Self-signed: the operator patches it in, so
the chart leaves it out (Helm's three-way merge keeps the patched value on upgrade). cert-manager:
its CA injector copies ca.crt of the serving Certificate's Secret.
*/}}
{{- define "costsentry.caInjectionAnnotations" -}}
{{- if eq .Values.webhook.certs "cert-manager" }}
annotations:
  cert-manager.io/inject-ca-from: {{ printf "%s/%s" .Release.Namespace (include "costsentry.webhookCertificateName" .) }}
{{- end }}
{{- end }}

{{/* What both sidecar-injection webhooks share: pod creations, sent to /mutate-pods. */}}
{{- define "costsentry.podRules" -}}
admissionReviewVersions: ["v1"]
sideEffects: None
reinvocationPolicy: Never
timeoutSeconds: {{ .Values.webhook.timeoutSeconds }}
{{ include "costsentry.webhookClientConfig" (dict "root" . "path" "/mutate-pods") }}
rules:
  - apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["pods"]
    operations: ["CREATE"]
    scope: Namespaced
{{- with .Values.webhook.objectSelector }}
objectSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

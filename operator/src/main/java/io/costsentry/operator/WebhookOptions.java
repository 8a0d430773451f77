package io.costsentry.operator;

import io.costsentry.operator.OperatorMain.DurationConverter;
import io.costsentry.operator.webhook.WebhookConfig;
import io.costsentry.operator.webhook.certs.CertificateMode;
import io.costsentry.operator.webhook.injection.SidecarTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The admission webhooks' flags of {@link OperatorMain}; each also reads a variable. */
final class WebhookOptions {
  @Option(
      names = "--namespace",
      defaultValue = "${env:COSTSENTRY_OPERATOR_NAMESPACE}",
      description =
          "The operator's namespace, where the webhook Secret and Service are (env"
              + " COSTSENTRY_OPERATOR_NAMESPACE, set by the chart from the downward API; default"
              + " the Kubernetes client's namespace).")
  String namespace;

  @Option(
      names = "--webhook-port",
      defaultValue = "${env:COSTSENTRY_WEBHOOK_PORT:-9443}",
      description =
          "HTTPS port of the admission webhooks; -1 turns them off (env"
              + " COSTSENTRY_WEBHOOK_PORT, default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--webhook-certs",
      defaultValue = "${env:COSTSENTRY_WEBHOOK_CERTS:-self-signed}",
      converter = ModeConverter.class,
      paramLabel = "self-signed|external",
      description =
          "self-signed: the operator issues and renews the serving certificate and patches the CA"
              + " bundle into the webhook configurations; external: cert-manager writes the"
              + " Secret, the operator only reads it (env COSTSENTRY_WEBHOOK_CERTS, default"
              + " ${DEFAULT-VALUE}).")
  CertificateMode certificates;

  @Option(
      names = "--webhook-secret",
      defaultValue = "${env:COSTSENTRY_WEBHOOK_SECRET:-costsentry-webhook-tls}",
      description =
          "Secret (tls.crt, tls.key, ca.crt) of the serving certificate (env"
              + " COSTSENTRY_WEBHOOK_SECRET, default ${DEFAULT-VALUE}).")
  String secret;

  @Option(
      names = "--webhook-service",
      defaultValue = "${env:COSTSENTRY_WEBHOOK_SERVICE:-costsentry-webhook}",
      description =
          "Service the API server calls; the certificate names it (env"
              + " COSTSENTRY_WEBHOOK_SERVICE, default ${DEFAULT-VALUE}).")
  String service;

  @Option(
      names = "--mutating-webhook",
      defaultValue = "${env:COSTSENTRY_MUTATING_WEBHOOK:-costsentry-sidecar-injector}",
      description =
          "MutatingWebhookConfiguration whose CA bundle is kept (env COSTSENTRY_MUTATING_WEBHOOK,"
              + " default ${DEFAULT-VALUE}).")
  String mutating;

  @Option(
      names = "--validating-webhook",
      defaultValue = "${env:COSTSENTRY_VALIDATING_WEBHOOK:-costsentry-budget-validator}",
      description =
          "ValidatingWebhookConfiguration whose CA bundle is kept (env"
              + " COSTSENTRY_VALIDATING_WEBHOOK, default ${DEFAULT-VALUE}).")
  String validating;

  @Option(
      names = "--webhook-cert-validity",
      defaultValue = "${env:COSTSENTRY_WEBHOOK_CERT_VALIDITY:-8760h}",
      converter = DurationConverter.class,
      description =
          "Lifetime of a self-signed certificate, renewed when a third is left (env"
              + " COSTSENTRY_WEBHOOK_CERT_VALIDITY, default ${DEFAULT-VALUE}).")
  Duration validity;

  @Option(
      names = "--sidecar-image",
      defaultValue = "${env:COSTSENTRY_SIDECAR_IMAGE:-" + SidecarTemplate.DEFAULT_IMAGE + "}",
      description =
          "Image of the injected sidecar (env COSTSENTRY_SIDECAR_IMAGE, default ${DEFAULT-VALUE}).")
  String sidecarImage;

  @Option(
      names = "--sidecar-image-pull-policy",
      defaultValue = "${env:COSTSENTRY_SIDECAR_IMAGE_PULL_POLICY:-IfNotPresent}",
      description =
          "Always, IfNotPresent or Never (env COSTSENTRY_SIDECAR_IMAGE_PULL_POLICY, default"
              + " ${DEFAULT-VALUE}).")
  String sidecarPullPolicy;

  @Option(
      names = "--sidecar-cpu-request",
      defaultValue = "${env:COSTSENTRY_SIDECAR_CPU_REQUEST:-100m}",
      description = "(env COSTSENTRY_SIDECAR_CPU_REQUEST, default ${DEFAULT-VALUE}).")
  String cpuRequest;

  @Option(
      names = "--sidecar-memory-request",
      defaultValue = "${env:COSTSENTRY_SIDECAR_MEMORY_REQUEST:-192Mi}",
      description = "(env COSTSENTRY_SIDECAR_MEMORY_REQUEST, default ${DEFAULT-VALUE}).")
  String memoryRequest;

  @Option(
      names = "--sidecar-cpu-limit",
      defaultValue = "${env:COSTSENTRY_SIDECAR_CPU_LIMIT}",
      description =
          "None by default: CPU throttling would add latency to every call (env"
              + " COSTSENTRY_SIDECAR_CPU_LIMIT).")
  String cpuLimit;

  @Option(
      names = "--sidecar-memory-limit",
      defaultValue = "${env:COSTSENTRY_SIDECAR_MEMORY_LIMIT:-256Mi}",
      description = "(env COSTSENTRY_SIDECAR_MEMORY_LIMIT, default ${DEFAULT-VALUE}).")
  String memoryLimit;

  @Option(
      names = "--sidecar-bedrock-endpoint",
      defaultValue = "${env:COSTSENTRY_SIDECAR_BEDROCK_ENDPOINT}",
      description =
          "Bedrock Runtime endpoint the sidecars forward to (env"
              + " COSTSENTRY_SIDECAR_BEDROCK_ENDPOINT, default regional).")
  URI sidecarBedrockEndpoint;

  boolean enabled() {
    return port >= 0;
  }

  /**
   * @param clientNamespace the Kubernetes client's namespace, used when none is set
   */
  WebhookConfig toConfig(OperatorConfig operator, String clientNamespace) {
    String ns = namespace == null || namespace.isBlank() ? clientNamespace : namespace;
    if (ns == null || ns.isBlank()) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "the webhook needs the operator's namespace: set --namespace");
    }
    SidecarTemplate sidecar =
        new SidecarTemplate(
            sidecarImage,
            sidecarPullPolicy,
            cpuRequest,
            memoryRequest,
            cpuLimit,
            memoryLimit,
            SidecarTemplate.DEFAULT_PORT,
            SidecarTemplate.DEFAULT_ADMIN_PORT,
            operator.region(),
            operator.dynamoDbTable(),
            operator.dynamoDbEndpoint(),
            sidecarBedrockEndpoint);
    return new WebhookConfig(
        port, ns, certificates, secret, service, mutating, validating, validity, null, sidecar);
  }

  /** {@code self-signed} or {@code external}. */
  static final class ModeConverter implements CommandLine.ITypeConverter<CertificateMode> {
    @Override
    public CertificateMode convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "self-signed" -> CertificateMode.SELF_SIGNED;
        case "external" -> CertificateMode.EXTERNAL;
        default ->
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not self-signed or external");
      };
    }
  }
}

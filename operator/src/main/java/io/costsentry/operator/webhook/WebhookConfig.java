package io.costsentry.operator.webhook;

import io.costsentry.operator.webhook.certs.CertificateMode;
import io.costsentry.operator.webhook.injection.SidecarTemplate;
import java.time.Duration;
import java.util.Objects;

/**
 * The admission webhooks' settings (flags and variables of {@code OperatorMain}; {@code
 * docs/webhook.md} has the table).
 *
 * @param port HTTPS port; 0 picks a free one
 * @param namespace the operator's namespace: the certificate Secret and the Service are there
 * @param certificateCheckInterval how often the Secret is read (renewal, cert-manager's updates)
 */
public record WebhookConfig(
    int port,
    String namespace,
    CertificateMode certificates,
    String secretName,
    String serviceName,
    String mutatingWebhook,
    String validatingWebhook,
    Duration certificateValidity,
    Duration certificateCheckInterval,
    SidecarTemplate sidecar) {

  public static final int DEFAULT_PORT = 9443;
  public static final String DEFAULT_SECRET = "costsentry-webhook-tls";
  public static final String DEFAULT_SERVICE = "costsentry-webhook";
  public static final String DEFAULT_MUTATING = "costsentry-sidecar-injector";
  public static final String DEFAULT_VALIDATING = "costsentry-budget-validator";
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);

  /** Paths the webhook configurations call. */
  public static final String MUTATE_PODS_PATH = "/mutate-pods";

  public static final String VALIDATE_BUDGETS_PATH = "/validate-costcenterbudgets";

  public WebhookConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("webhook port must be 0 to 65535, got " + port);
    }
    Objects.requireNonNull(namespace, "the operator's namespace");
    Objects.requireNonNull(certificates);
    Objects.requireNonNull(sidecar);
    secretName = orDefault(secretName, DEFAULT_SECRET);
    serviceName = orDefault(serviceName, DEFAULT_SERVICE);
    mutatingWebhook = orDefault(mutatingWebhook, DEFAULT_MUTATING);
    validatingWebhook = orDefault(validatingWebhook, DEFAULT_VALIDATING);
    certificateValidity = certificateValidity == null ? DEFAULT_VALIDITY : certificateValidity;
    certificateCheckInterval =
        certificateCheckInterval == null ? DEFAULT_CHECK_INTERVAL : certificateCheckInterval;
    if (certificateCheckInterval.isNegative() || certificateCheckInterval.isZero()) {
      throw new IllegalArgumentException(
          "certificate check interval must be positive, got " + certificateCheckInterval);
    }
  }

  /** Default names and certificates, self-signed. */
  public static WebhookConfig defaults(int port, String namespace, SidecarTemplate sidecar) {
    return new WebhookConfig(
        port, namespace, CertificateMode.SELF_SIGNED, null, null, null, null, null, null, sidecar);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}

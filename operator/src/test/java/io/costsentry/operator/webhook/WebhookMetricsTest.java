package io.costsentry.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the webhooks add to the operator's /metrics. */
class WebhookMetricsTest {
  @Test
  void admissionCountersAndCertificateExpiryAreExported() {
    WebhookMetrics metrics = new WebhookMetrics();
    metrics.admission(WebhookMetrics.INJECTOR, "injected");
    metrics.admission(WebhookMetrics.INJECTOR, "injected");
    metrics.admission(WebhookMetrics.VALIDATOR, "refused");
    metrics.certificateExpires(Instant.ofEpochSecond(1_800_000_000L));
    assertThat(metrics.render())
        .contains(
            "costsentry_webhook_admissions_total{webhook=\"sidecar-injector\",result=\"injected\"}"
                + " 2\n")
        .contains(
            "costsentry_webhook_admissions_total{webhook=\"budget-validator\",result=\"refused\"}"
                + " 1\n")
        .contains("costsentry_webhook_certificate_expiry_timestamp_seconds 1800000000\n");
  }
}

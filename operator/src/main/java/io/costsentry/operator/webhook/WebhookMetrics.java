package io.costsentry.operator.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Admission counters and the serving certificate's expiry, for the operator's /metrics. */
public final class WebhookMetrics {
  public static final String INJECTOR = "sidecar-injector";
  public static final String VALIDATOR = "budget-validator";

  private final Map<String, AtomicLong> admissions = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> certificateExpiry = new AtomicReference<>();

  /**
   * @param result {@code injected}, {@code skipped}, {@code refused}, {@code allowed} or {@code
   *     error}
   */
  public void admission(String webhook, String result) {
    admissions
        .computeIfAbsent(webhook + "\u0000" + result, k -> new AtomicLong())
        .incrementAndGet();
  }

  public long admissions(String webhook, String result) {
    AtomicLong n = admissions.get(webhook + "\u0000" + result);
    return n == null ? 0 : n.get();
  }

  public void certificateExpires(Instant notAfter) {
    certificateExpiry.set(notAfter);
  }

  /** Prometheus text format. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(
            "# HELP costsentry_webhook_admissions_total Admission requests answered, by result.\n")
        .append("# TYPE costsentry_webhook_admissions_total counter\n");
    new TreeMap<>(admissions)
        .forEach(
            (key, n) -> {
              String[] parts = key.split("\u0000");
              out.append("costsentry_webhook_admissions_total{webhook=\"")
                  .append(parts[0])
                  .append("\",result=\"")
                  .append(parts[1])
                  .append("\"} ")
                  .append(n.get())
                  .append('\n');
            });
    Instant expiry = certificateExpiry.get();
    if (expiry != null) {
      out.append(
              "# HELP costsentry_webhook_certificate_expiry_timestamp_seconds When the webhook's"
                  + " serving certificate expires.\n")
          .append("# TYPE costsentry_webhook_certificate_expiry_timestamp_seconds gauge\n")
          .append("costsentry_webhook_certificate_expiry_timestamp_seconds ")
          .append(expiry.getEpochSecond())
          .append('\n');
    }
    return out.toString();
  }
}

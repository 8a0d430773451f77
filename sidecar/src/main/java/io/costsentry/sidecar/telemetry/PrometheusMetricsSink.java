package io.costsentry.sidecar.telemetry;

import io.costsentry.core.pricing.Money;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * The request figures on the admin port's {@code /metrics}: CostSentry counters with the same
 * dimensions as CloudWatch, and OpenTelemetry GenAI histograms ({@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.duration}) under their Prometheus names.
 */
public final class PrometheusMetricsSink implements MetricsSink {
  private static final String[] LABELS = {
    "model", "model_id", "cost_center", "application", "environment"
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests;
  private final Counter tokens;
  private final Counter cost;
  private final Histogram tokenUsage;
  private final Histogram duration;

  public PrometheusMetricsSink(LongSupplier pendingLedgerWrites) {
    requests =
        Counter.builder()
            .name("costsentry_requests_total")
            .help("Bedrock requests seen by the sidecar, by decision and outcome")
            .labelNames(concat(LABELS, "decision", "outcome"))
            .register(registry);
    tokens =
        Counter.builder()
            .name("costsentry_tokens_total")
            .help("Billed tokens by type (input, output, cache_read, cache_write)")
            .labelNames(concat(LABELS, "token_type"))
            .register(registry);
    cost =
        Counter.builder()
            .name("costsentry_estimated_cost_usd_total")
            .help("Estimated cost of settled requests, USD")
            .labelNames(LABELS)
            .register(registry);
    tokenUsage =
        Histogram.builder()
            .name("gen_ai_client_token_usage")
            .help("OpenTelemetry GenAI: tokens used per operation")
            .labelNames("gen_ai_operation_name", "gen_ai_request_model", "gen_ai_token_type")
            .classicOnly()
            .classicUpperBounds(1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576)
            .register(registry);
    duration =
        Histogram.builder()
            .name("gen_ai_client_operation_duration_seconds")
            .help("OpenTelemetry GenAI: duration of operations through the sidecar")
            .labelNames("gen_ai_operation_name", "gen_ai_request_model")
            .classicOnly()
            .classicUpperBounds(
                0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96,
                81.92)
            .register(registry);
    GaugeWithCallback.builder()
        .name("costsentry_ledger_pending_writes")
        .help("Settlements and releases waiting for the ledger (retried until written)")
        .callback(cb -> cb.call(pendingLedgerWrites.getAsLong()))
        .register(registry);
  }

  private static String[] concat(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Override
  public void record(RequestOutcome o) {
    String[] labels = {
      nonNull(o.model()),
      nonNull(o.modelMetric()),
      nonNull(o.costCenter()),
      nonNull(o.applicationId()),
      nonNull(o.environment())
    };
    String outcome = o.upstreamFailed() ? "upstream_error" : o.status() < 400 ? "ok" : "refused";
    requests.labelValues(concat(labels, o.decision().name().toLowerCase(), outcome)).inc();
    if (o.usage() != null) {
      tokens.labelValues(concat(labels, "input")).inc(o.usage().input());
      tokens.labelValues(concat(labels, "output")).inc(o.usage().output());
      tokens.labelValues(concat(labels, "cache_read")).inc(o.usage().cacheRead());
      tokens.labelValues(concat(labels, "cache_write")).inc(o.usage().cacheWrite());
      cost.labelValues(labels).inc(Money.microsToUsd(o.costMicros()).doubleValue());
      tokenUsage.labelValues(o.api(), labels[0], "input").observe(o.usage().allInput());
      tokenUsage.labelValues(o.api(), labels[0], "output").observe(o.usage().output());
    }
    if (o.decision() == Decision.APPROVED) {
      duration.labelValues(o.api(), labels[0]).observe(o.latencyMillis() / 1000.0);
    }
  }

  public String contentType() {
    return writer.getContentType();
  }

  public void scrape(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}

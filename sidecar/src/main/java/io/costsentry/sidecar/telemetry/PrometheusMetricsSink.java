package io.costsentry.sidecar.telemetry;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();

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
        .help(
            "Ledger writes (settlements, releases, usage rollups) waiting for the ledger, retried"
                + " until written")
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
    SeriesKey key =
        new SeriesKey(
            o.api(),
            nonNull(o.model()),
            nonNull(o.modelMetric()),
            nonNull(o.costCenter()),
            nonNull(o.applicationId()),
            nonNull(o.environment()));
    Series series = this.series.get(key);
    if (series == null) {
      series = this.series.computeIfAbsent(key, Series::new);
    }
    int outcome = o.upstreamFailed() ? 0 : o.status() < 400 ? 1 : 2;
    series.requests(o.decision(), outcome).inc();
    if (o.usage() != null) {
      UsagePoints usage = series.usage();
      usage.inputTokens.inc(o.usage().input());
      usage.outputTokens.inc(o.usage().output());
      usage.cacheReadTokens.inc(o.usage().cacheRead());
      usage.cacheWriteTokens.inc(o.usage().cacheWrite());
      // Exact micro-USD over an exact power of ten: the same double as the decimal USD value.
      usage.cost.inc(o.costMicros() / 1_000_000.0);
      usage.inputUsage.observe(o.usage().allInput());
      usage.outputUsage.observe(o.usage().output());
    }
    if (o.decision() == Decision.APPROVED) {
      series.duration().observe(o.latencyMillis() / 1000.0);
    }
  }

  /** The labels a request's figures are recorded under (outcome and token type aside). */
  private record SeriesKey(
      String api,
      String model,
      String modelId,
      String costCenter,
      String application,
      String environment) {
    String[] labels(String... more) {
      return concat(new String[] {model, modelId, costCenter, application, environment}, more);
    }
  }

  /** The token and cost data points of one label set. */
  private record UsagePoints(
      CounterDataPoint inputTokens,
      CounterDataPoint outputTokens,
      CounterDataPoint cacheReadTokens,
      CounterDataPoint cacheWriteTokens,
      CounterDataPoint cost,
      DistributionDataPoint inputUsage,
      DistributionDataPoint outputUsage) {}

  /**
   * The data points of one label set, each looked up once (on first use, so series appear when they
   * first count something): finding one by its label values costs a map lookup and array copies per
   * metric and request. Racing threads get the same data point from the registry.
   */
  private final class Series {
    private static final String[] OUTCOMES = {"upstream_error", "ok", "refused"};

    private final SeriesKey key;
    private final CounterDataPoint[] requestsByOutcome =
        new CounterDataPoint[Decision.values().length * OUTCOMES.length];
    private volatile UsagePoints usage;
    private volatile DistributionDataPoint duration;

    Series(SeriesKey key) {
      this.key = key;
    }

    CounterDataPoint requests(Decision decision, int outcome) {
      int i = decision.ordinal() * OUTCOMES.length + outcome;
      CounterDataPoint point = requestsByOutcome[i];
      if (point == null) {
        point =
            requests.labelValues(
                key.labels(decision.name().toLowerCase(Locale.ROOT), OUTCOMES[outcome]));
        requestsByOutcome[i] = point;
      }
      return point;
    }

    UsagePoints usage() {
      UsagePoints points = usage;
      if (points == null) {
        points =
            new UsagePoints(
                tokens.labelValues(key.labels("input")),
                tokens.labelValues(key.labels("output")),
                tokens.labelValues(key.labels("cache_read")),
                tokens.labelValues(key.labels("cache_write")),
                cost.labelValues(key.labels()),
                tokenUsage.labelValues(key.api(), key.model(), "input"),
                tokenUsage.labelValues(key.api(), key.model(), "output"));
        usage = points;
      }
      return points;
    }

    DistributionDataPoint duration() {
      DistributionDataPoint point = duration;
      if (point == null) {
        point = PrometheusMetricsSink.this.duration.labelValues(key.api(), key.model());
        duration = point;
      }
      return point;
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

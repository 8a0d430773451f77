package io.costsentry.sidecar.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * Publishes the request metrics with CloudWatch {@code PutMetricData}, for clusters without a
 * CloudWatch agent or Fluent Bit to pick up {@link EmfMetricsSink}'s lines.
 *
 * <p>{@link #record} never does I/O: it adds the request's values (the same metrics as {@link
 * EmfMetricsSink}: {@code TotalRequests}, {@code RateLimitApproved}, {@code RateLimitDenied},
 * {@code InvocationFailed}, {@code InputTokens}, {@code OutputTokens}, {@code EstimatedCostUSD}) to
 * an in-memory {@code StatisticSet} (sample count, sum, minimum, maximum) per metric and per
 * dimension combination {@code Model, ModelId, CostCenter, Application, Environment}, in namespace
 * {@value #NAMESPACE}. One background thread sends what was gathered every flush interval, in
 * {@code PutMetricData} calls of at most {@value #MAX_DATUMS_PER_CALL} datums, timestamped at the
 * flush.
 *
 * <p><b>Best effort:</b> a call that fails (after the client's own retries) is tried once more; if
 * that fails too, its datums are logged at WARN and dropped. Combinations beyond {@value
 * #MAX_DIMENSION_SETS} in one interval are dropped as well (and counted in the WARN). Use {@link
 * EmfMetricsSink} where metrics must not be lost: its lines are the lossless path.
 *
 * <p>Dimension values are those of the EMF lines ({@code unknown} when absent), with characters
 * CloudWatch refuses (outside printable ASCII) replaced by {@code ?} and cut to 1024 characters, so
 * one odd value cannot make CloudWatch refuse a whole call.
 *
 * <p>The sink owns the client: {@link #close()} sends what is pending once more, stops the thread
 * and closes the client. Outcomes recorded after {@code close()} are ignored.
 */
public final class CloudWatchMetricsSink implements MetricsSink {
  public static final String NAMESPACE = EmfMetricsSink.NAMESPACE;
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(60);

  /** PutMetricData's limit of datums per call (aws-wire.md §5.3). */
  public static final int MAX_DATUMS_PER_CALL = 1000;

  /** Dimension combinations kept per flush interval; a bound on memory, not a CloudWatch limit. */
  public static final int MAX_DIMENSION_SETS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(CloudWatchMetricsSink.class);
  private static final int MAX_DIMENSION_VALUE = 1024;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  /** The metrics, in the order of {@link Aggregate#stats}. */
  private enum Metric {
    TOTAL_REQUESTS("TotalRequests", StandardUnit.COUNT, 1),
    RATE_LIMIT_APPROVED("RateLimitApproved", StandardUnit.COUNT, 1),
    RATE_LIMIT_DENIED("RateLimitDenied", StandardUnit.COUNT, 1),
    INVOCATION_FAILED("InvocationFailed", StandardUnit.COUNT, 1),
    INPUT_TOKENS("InputTokens", StandardUnit.COUNT, 1),
    OUTPUT_TOKENS("OutputTokens", StandardUnit.COUNT, 1),
    // gathered in micro-USD, exact; sent in USD
    ESTIMATED_COST_USD("EstimatedCostUSD", StandardUnit.NONE, 1_000_000);

    final String metricName;
    final StandardUnit unit;
    final double divisor;

    Metric(String metricName, StandardUnit unit, double divisor) {
      this.metricName = metricName;
      this.unit = unit;
      this.divisor = divisor;
    }
  }

  private final CloudWatchClient client;
  private final Clock clock;
  private final ConcurrentHashMap<DimensionSet, Aggregate> pending = new ConcurrentHashMap<>();
  private final LongAdder overflow = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object flushLock = new Object();
  private final ScheduledExecutorService scheduler;

  /** A sink flushing every {@link #DEFAULT_FLUSH_INTERVAL}. */
  public CloudWatchMetricsSink(CloudWatchClient client) {
    this(client, DEFAULT_FLUSH_INTERVAL);
  }

  /**
   * @param client used by the flush thread only; closed by {@link #close()}
   * @param flushInterval time between two flushes; the first comes one interval after creation
   */
  public CloudWatchMetricsSink(CloudWatchClient client, Duration flushInterval) {
    this(client, flushInterval, Clock.systemUTC());
  }

  CloudWatchMetricsSink(CloudWatchClient client, Duration flushInterval, Clock clock) {
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be positive: " + flushInterval);
    }
    this.client = client;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "costsentry-cloudwatch-metrics");
              thread.setDaemon(true);
              return thread;
            });
    long period = flushInterval.toNanos();
    scheduler.scheduleWithFixedDelay(this::scheduledFlush, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public void record(RequestOutcome outcome) {
    if (closed.get()) {
      return;
    }
    DimensionSet key = DimensionSet.of(outcome);
    if (pending.size() >= MAX_DIMENSION_SETS && !pending.containsKey(key)) {
      overflow.increment();
      return;
    }
    MetricValues values = MetricValues.of(outcome);
    long[] sample = {
      1,
      values.approved(),
      values.denied(),
      values.failed(),
      values.inputTokens(),
      values.outputTokens(),
      outcome.costMicros()
    };
    // compute() and the flush's remove() lock the same bin: no sample is lost between them.
    pending.compute(
        key,
        (k, aggregate) -> {
          Aggregate target = aggregate == null ? new Aggregate() : aggregate;
          target.add(sample);
          return target;
        });
  }

  /**
   * Sends what was gathered since the last flush now, on the calling thread. The scheduler calls it
   * every interval; {@link #close()} once more.
   */
  void flush() {
    synchronized (flushLock) {
      List<MetricDatum> datums = drain(clock.instant());
      long dropped = overflow.sumThenReset();
      if (dropped > 0) {
        log.warn(
            "CloudWatch metrics: {} request(s) not counted, more than {} dimension combinations in"
                + " one flush interval",
            dropped,
            MAX_DIMENSION_SETS);
      }
      for (int from = 0; from < datums.size(); from += MAX_DATUMS_PER_CALL) {
        send(datums.subList(from, Math.min(datums.size(), from + MAX_DATUMS_PER_CALL)));
      }
    }
  }

  /** Flushes once more, stops the flush thread and closes the client; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("CloudWatch metrics: a flush still runs after {}; flushing anyway", CLOSE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("CloudWatch metrics: last flush failed: {}", e.toString());
    } finally {
      scheduler.shutdownNow();
      client.close();
    }
  }

  private void scheduledFlush() {
    try {
      flush();
    } catch (RuntimeException e) {
      // An escaping exception would cancel every later flush.
      log.warn("CloudWatch metrics: flush failed: {}", e.toString());
    }
  }

  private List<MetricDatum> drain(Instant timestamp) {
    List<MetricDatum> datums = new ArrayList<>();
    for (DimensionSet key : pending.keySet()) {
      Aggregate aggregate = pending.remove(key);
      if (aggregate == null) {
        continue;
      }
      List<Dimension> dimensions = key.dimensions();
      for (Metric metric : Metric.values()) {
        Stat stat = aggregate.stats[metric.ordinal()];
        datums.add(
            MetricDatum.builder()
                .metricName(metric.metricName)
                .unit(metric.unit)
                .dimensions(dimensions)
                .timestamp(timestamp)
                .statisticValues(
                    StatisticSet.builder()
                        .sampleCount((double) stat.count)
                        .sum(stat.sum / metric.divisor)
                        .minimum(stat.min / metric.divisor)
                        .maximum(stat.max / metric.divisor)
                        .build())
                .build());
      }
    }
    return datums;
  }

  /** One call, retried once; dropped with a WARN when both attempts fail. */
  private void send(List<MetricDatum> batch) {
    PutMetricDataRequest request =
        PutMetricDataRequest.builder().namespace(NAMESPACE).metricData(batch).build();
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        client.putMetricData(request);
        return;
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    log.warn(
        "CloudWatch metrics: PutMetricData failed twice, dropping {} datum(s) (EMF is the lossless"
            + " path): {}",
        batch.size(),
        failure.toString());
  }

  /** The dimension values of one combination, as sent. */
  private record DimensionSet(
      String model, String modelId, String costCenter, String application, String environment) {
    static DimensionSet of(RequestOutcome o) {
      return new DimensionSet(
          clean(o.model()),
          clean(o.modelMetric()),
          clean(o.costCenter()),
          clean(o.applicationId()),
          clean(o.environment()));
    }

    List<Dimension> dimensions() {
      return List.of(
          dimension("Model", model),
          dimension("ModelId", modelId),
          dimension("CostCenter", costCenter),
          dimension("Application", application),
          dimension("Environment", environment));
    }

    private static Dimension dimension(String name, String value) {
      return Dimension.builder().name(name).value(value).build();
    }

    /** {@code unknown} for absent values (as in EMF); printable ASCII, at most 1024 characters. */
    private static String clean(String value) {
      if (value == null || value.isEmpty()) {
        return "unknown";
      }
      int length = Math.min(value.length(), MAX_DIMENSION_VALUE);
      StringBuilder cleaned = null;
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        boolean allowed = c >= 0x20 && c < 0x7f;
        if (!allowed && cleaned == null) {
          cleaned = new StringBuilder(length).append(value, 0, i);
        }
        if (cleaned != null) {
          cleaned.append(allowed ? c : '?');
        }
      }
      if (cleaned != null) {
        return cleaned.toString();
      }
      return length == value.length() ? value : value.substring(0, length);
    }
  }

  /** One statistic set per metric; mutated only inside {@link ConcurrentHashMap#compute}. */
  private static final class Aggregate {
    final Stat[] stats = new Stat[Metric.values().length];

    Aggregate() {
      for (int i = 0; i < stats.length; i++) {
        stats[i] = new Stat();
      }
    }

    void add(long[] sample) {
      for (int i = 0; i < stats.length; i++) {
        stats[i].add(sample[i]);
      }
    }
  }

  private static final class Stat {
    long count;
    long sum;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    void add(long value) {
      count++;
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }
}

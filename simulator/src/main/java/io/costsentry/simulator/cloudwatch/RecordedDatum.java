package io.costsentry.simulator.cloudwatch;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code MetricDatum} of an accepted {@code PutMetricData} call, as the client sent it.
 *
 * @param namespace the call's {@code Namespace}
 * @param unit {@code Unit}, or {@code null} when the client sent none (CloudWatch then uses {@code
 *     None})
 * @param value {@code Value}, or {@code null}
 * @param values {@code Values}, empty when absent
 * @param counts {@code Counts}, empty when absent (CloudWatch then counts each value once)
 * @param statistics {@code StatisticValues}, or {@code null}
 * @param dimensions {@code Dimensions} by name, in the order sent
 * @param timestamp {@code Timestamp}, or the time the call arrived when the client sent none
 * @param storageResolution {@code StorageResolution}, or {@code null} (CloudWatch default 60)
 */
public record RecordedDatum(
    String namespace,
    String metricName,
    String unit,
    Double value,
    List<Double> values,
    List<Double> counts,
    Statistics statistics,
    Map<String, String> dimensions,
    Instant timestamp,
    Integer storageResolution) {

  public RecordedDatum {
    values = values == null ? List.of() : List.copyOf(values);
    counts = counts == null ? List.of() : List.copyOf(counts);
    dimensions =
        dimensions == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
  }

  /** A {@code StatisticSet}: pre-aggregated samples. */
  public record Statistics(double sampleCount, double sum, double minimum, double maximum) {}
}

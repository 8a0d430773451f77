package io.costsentry.sidecar.telemetry;

/** Receives every request's outcome; implementations must not block the request path long. */
public interface MetricsSink extends AutoCloseable {
  void record(RequestOutcome outcome);

  @Override
  default void close() {}
}

package io.costsentry.sidecar.telemetry;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each outcome to every configured sink; one failing sink does not silence the others. */
public final class CompositeSink implements MetricsSink {
  private static final Logger log = LoggerFactory.getLogger(CompositeSink.class);
  private final List<MetricsSink> sinks;

  public CompositeSink(List<MetricsSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void record(RequestOutcome outcome) {
    for (MetricsSink sink : sinks) {
      try {
        sink.record(outcome);
      } catch (RuntimeException e) {
        log.warn("metrics sink {} failed for request {}", sink, outcome.requestId(), e);
      }
    }
  }

  @Override
  public void close() {
    for (MetricsSink sink : sinks) {
      sink.close();
    }
  }
}

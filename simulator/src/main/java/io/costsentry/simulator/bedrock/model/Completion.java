package io.costsentry.simulator.bedrock.model;

import io.costsentry.simulator.bedrock.Usage;
import java.time.Duration;
import java.util.List;

/**
 * What the simulated model produced for one request.
 *
 * @param tokens the output, one string per output token, each already carrying its leading space so
 *     that concatenating them gives {@link #text()}
 * @param usage the usage to report
 * @param stopReason why generation stopped
 * @param firstTokenLatency time until the first output token
 * @param latency time until the last output token
 */
public record Completion(
    List<String> tokens,
    Usage usage,
    StopReason stopReason,
    Duration firstTokenLatency,
    Duration latency) {

  public Completion {
    tokens = List.copyOf(tokens);
  }

  public String text() {
    return String.join("", tokens);
  }
}

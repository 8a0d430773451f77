package io.costsentry.sidecar.telemetry;

import io.costsentry.core.pricing.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything recorded about one request: the source of its metrics and its audit line.
 *
 * @param model the alias (or model id) the app asked for
 * @param modelId the model the request was sent to
 * @param modelMetric the inference profile's id or the model id, as CloudWatch dimensions use it
 * @param tags extra tags the request added
 * @param limitsChecked {@code owner/limit} names of the limits reserved against
 * @param deniedBy the limit that denied it, or {@code null}
 * @param usage billed tokens, or {@code null} when nothing was billed
 * @param usageSource {@code response} when read from Bedrock's reply, {@code upper-bound} when the
 *     reply carried none and the reservation was kept, {@code none} otherwise
 * @param errorType the Bedrock error shape answered, or {@code null}
 * @param upstreamFailed the request was approved but Bedrock (or the way to it) failed
 * @param clientDisconnected the app went away before the reply ended
 */
public record RequestOutcome(
    String requestId,
    Instant timestamp,
    String api,
    String model,
    String modelId,
    String modelMetric,
    String costCenter,
    String applicationId,
    String environment,
    Map<String, String> tags,
    Decision decision,
    List<String> limitsChecked,
    String deniedBy,
    TokenUsage usage,
    String usageSource,
    long costMicros,
    int status,
    String errorType,
    boolean upstreamFailed,
    boolean clientDisconnected,
    long latencyMillis,
    String prompt) {

  public RequestOutcome {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    limitsChecked = limitsChecked == null ? List.of() : List.copyOf(limitsChecked);
  }
}

package io.costsentry.operator.budget;

import io.costsentry.operator.bedrock.PermanentAwsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Profile requests Bedrock refused for good (access denied, invalid request, quota), remembered so
 * that the scheduled status refresh does not send them again every interval: a permanent error sets
 * a condition and stops retrying. A request is sent again once it differs (another model, other
 * tags, a new generation of the budget) or after {@code recheckAfter}, so that a fixed IAM policy
 * is noticed without an edit. Held in memory: a restarted operator tries once more.
 */
final class RefusedRequests {
  /** What was asked; the same request would be refused the same way. */
  record Request(
      String action, String target, String model, Map<String, String> tags, long generation) {}

  private record Refusal(PermanentAwsException error, Instant until) {}

  private final Map<Request, Refusal> refused = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration recheckAfter;

  RefusedRequests(Clock clock, Duration recheckAfter) {
    this.clock = clock;
    this.recheckAfter = recheckAfter;
  }

  /** Why {@code request} was refused, while that refusal stands. */
  Optional<PermanentAwsException> refusal(Request request) {
    Instant now = clock.instant();
    refused.values().removeIf(r -> !now.isBefore(r.until()));
    return Optional.ofNullable(refused.get(request)).map(Refusal::error);
  }

  void remember(Request request, PermanentAwsException error) {
    refused.put(request, new Refusal(error, clock.instant().plus(recheckAfter)));
  }

  int size() {
    return refused.size();
  }
}

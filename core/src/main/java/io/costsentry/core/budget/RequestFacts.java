package io.costsentry.core.budget;

import io.costsentry.core.policy.AliasPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * What the budget engine needs to know about one request before it is forwarded.
 *
 * @param requestId unique id of the request; hold ids derive from it
 * @param alias the model alias the request resolved to
 * @param inputBound upper bound of the request's input-side tokens
 * @param outputBound upper bound of its output tokens (the request's maxTokens)
 */
public record RequestFacts(
    String requestId,
    String costCenter,
    String applicationId,
    String environment,
    AliasPolicy alias,
    long inputBound,
    long outputBound,
    Instant at) {
  public RequestFacts {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(costCenter, "costCenter");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(at, "at");
  }
}

package io.costsentry.sidecar.inspect;

import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.sidecar.proxy.BedrockErrorException;

/**
 * Decides a request's maxTokens: the request's own within the alias's ceiling, else the alias's
 * default. Without either the proxy injects {@link #FALLBACK_MAX_TOKENS}, because a reservation
 * needs a bound and an unbounded reply could cost anything.
 */
public final class OutputTokenPolicy {
  public static final int FALLBACK_MAX_TOKENS = 4096;

  private OutputTokenPolicy() {}

  /**
   * @param requested maxTokens from the request, or {@code null}
   * @param path the field's path, for messages
   */
  public static int maxTokens(Integer requested, AliasPolicy alias, String path) {
    Integer ceiling = alias.maxOutputTokens();
    if (requested != null) {
      if (ceiling != null && requested > ceiling) {
        throw BedrockErrorException.validation(
            path
                + " is "
                + requested
                + " but model alias '"
                + alias.name()
                + "' allows at most "
                + ceiling
                + " output tokens (spec.maxOutputTokens)");
      }
      return requested;
    }
    Integer byDefault = alias.defaults().maxTokens();
    if (byDefault != null) {
      return ceiling == null ? byDefault : Math.min(byDefault, ceiling);
    }
    return ceiling == null ? FALLBACK_MAX_TOKENS : Math.min(FALLBACK_MAX_TOKENS, ceiling);
  }
}

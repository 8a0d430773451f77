package io.costsentry.sidecar.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * An error answered to the app in Bedrock's own shape ({@code X-Amzn-ErrorType} header and {@code
 * {"message"}} body), so AWS SDKs raise their usual exception types.
 *
 * @param retryAfter sent as {@code Retry-After} when not {@code null}
 */
public record BedrockError(ErrorType type, String message, Duration retryAfter) {
  public BedrockError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }

  /** Whole seconds to wait, rounded up, at least 1; {@code null} when there is no wait. */
  public Long retryAfterSeconds() {
    return retryAfter == null ? null : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  public static BedrockError of(ErrorType type, String message) {
    return new BedrockError(type, message, null);
  }

  public static BedrockError validation(String message) {
    return of(ErrorType.VALIDATION, message);
  }
}

package io.costsentry.operator.billing;

import java.time.Duration;
import java.time.Instant;

/**
 * When an account-wide call is next due: {@code refresh} after a success, {@code retry} after a
 * failure, at once before the first attempt. Not thread-safe: callers synchronize.
 */
final class Throttle {
  private final Duration refresh;
  private final Duration retry;
  private Instant due = Instant.MIN;

  Throttle(Duration refresh, Duration retry) {
    this.refresh = refresh;
    this.retry = retry;
  }

  boolean due(Instant now) {
    return !now.isBefore(due);
  }

  void succeeded(Instant now) {
    due = now.plus(refresh);
  }

  void failed(Instant now) {
    due = now.plus(retry);
  }

  /** Makes the next {@link #due} true, e.g. after a change that needs a fresh answer. */
  void expire() {
    due = Instant.MIN;
  }
}

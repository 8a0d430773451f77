package io.costsentry.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open calendar window {@code [start, end)}. */
public record Window(Instant start, Instant end) {
  public Window {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("window end " + end + " is not after start " + start);
    }
  }

  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }

  /** Time from {@code now} until the window resets, never negative. */
  public Duration remainingAt(Instant now) {
    Duration d = Duration.between(now, end);
    return d.isNegative() ? Duration.ZERO : d;
  }
}

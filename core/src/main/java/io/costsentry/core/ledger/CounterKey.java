package io.costsentry.core.ledger;

import io.costsentry.core.policy.Window;
import java.util.Objects;

/**
 * One counter of the ledger: a limit's usage within one calendar window.
 *
 * @param counterId stable id of the limit, e.g. {@code budget#support#daily-cost} or {@code
 *     alias#claude-3-5-haiku#tokens-per-minute}
 */
public record CounterKey(String counterId, Window window) {
  public CounterKey {
    Objects.requireNonNull(counterId, "counterId");
    Objects.requireNonNull(window, "window");
  }

  /** The sort key of the window: its start instant in ISO-8601 UTC. */
  public String windowId() {
    return window.start().toString();
  }
}

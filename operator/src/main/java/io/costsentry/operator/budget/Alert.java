package io.costsentry.operator.budget;

/**
 * Something about a limit a user must see, announced once as a Kubernetes Event.
 *
 * @param threshold the alert threshold crossed (percent), or 0 for a window reset
 * @param percent percent used when announced (for a reset: of the window that ended)
 * @param windowStart start of the window the alert belongs to (for a reset: the new window)
 */
public record Alert(
    Kind kind, String limit, int threshold, int percent, String windowStart, String windowEnd) {
  public enum Kind {
    THRESHOLD_CROSSED("ThresholdCrossed"),
    WINDOW_RESET("WindowReset");

    private final String reason;

    Kind(String reason) {
      this.reason = reason;
    }

    /** The Event's reason. */
    public String reason() {
      return reason;
    }
  }

  /** Alerts at or past a full limit are warnings. */
  public boolean isWarning() {
    return kind == Kind.THRESHOLD_CROSSED && threshold >= 100;
  }
}

package io.costsentry.simulator.awsjson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Errors armed by a test: for the next {@code n} calls of one operation (or of any), or for every
 * call until {@link #clear()}. The first matching rule wins; a rule armed earlier comes first.
 */
public final class AwsJsonFaults {
  /** Matches every operation. */
  public static final String ANY_OPERATION = "*";

  private final List<Rule> rules = new ArrayList<>();

  private static final class Rule {
    final String operation;
    final AwsJsonError error;
    int remaining; // -1: forever

    Rule(String operation, AwsJsonError error, int remaining) {
      this.operation = operation;
      this.error = error;
      this.remaining = remaining;
    }
  }

  /**
   * Answers the next {@code count} calls of {@code operation} ({@link #ANY_OPERATION} for all) with
   * {@code error}, e.g. {@code failNext(1, "GetCostAndUsage", new AwsJsonError(400,
   * "LimitExceededException", "Rate exceeded"))}.
   */
  public synchronized void failNext(int count, String operation, AwsJsonError error) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    rules.add(new Rule(operation, error, count));
  }

  /**
   * Answers every call of {@code operation} with {@code error} until {@link #clear()}: e.g. a role
   * without the permission, {@code new AwsJsonError(400, "AccessDeniedException", "User ... is not
   * authorized to perform: ce:GetCostAndUsage")}.
   */
  public synchronized void failAlways(String operation, AwsJsonError error) {
    rules.add(new Rule(operation, error, -1));
  }

  /** Disarms every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** The error for this call of {@code operation}, or {@code null}; consumes one use of it. */
  synchronized AwsJsonError take(String operation) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (rule.operation.equals(ANY_OPERATION) || rule.operation.equals(operation)) {
        if (rule.remaining > 0 && --rule.remaining == 0) {
          it.remove();
        }
        return rule.error;
      }
    }
    return null;
  }
}

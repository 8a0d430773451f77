package io.costsentry.core.budget;

import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.Window;
import io.costsentry.core.pricing.Money;
import java.time.Duration;
import java.time.Instant;

/**
 * Why a request was refused: the limit it would cross and where that limit stands.
 *
 * @param committed the counter's settled usage plus outstanding holds when the request was refused
 * @param requested the request's upper bound in the limit's unit
 */
public record Denial(ApplicableLimit limit, long committed, long requested, Window window) {

  public Duration retryAfter(Instant now) {
    return window.remainingAt(now);
  }

  /** A message naming the budget, the limit, the usage and when the window resets. */
  public String message() {
    var policy = limit.policy();
    return "Request denied by "
        + limit.owner().describe()
        + ": limit '"
        + policy.name()
        + "' ("
        + policy.metric().manifestField()
        + " "
        + amount(policy.amount())
        + " per "
        + policy.period().manifestName()
        + ") has "
        + amount(committed)
        + " used or reserved and this request needs up to "
        + amount(requested)
        + ". The window resets at "
        + window.end()
        + ".";
  }

  private String amount(long value) {
    return limit.policy().metric() == LimitMetric.COST_USD
        ? Money.format(value)
        : value + " tokens";
  }
}

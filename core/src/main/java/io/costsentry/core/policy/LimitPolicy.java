package io.costsentry.core.policy;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One limit of a budget or of a model alias.
 *
 * @param name unique within its owner (budget or alias)
 * @param amount the ceiling: micro-USD for {@link LimitMetric#COST_USD}, tokens otherwise
 */
public record LimitPolicy(
    String name, Period period, ZoneId zone, LimitMetric metric, long amount, LimitScope scope) {
  public LimitPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(metric, "metric");
    if (amount < 0) {
      throw new IllegalArgumentException("limit " + name + " has a negative amount");
    }
    scope = scope == null ? LimitScope.ALL : scope;
  }
}

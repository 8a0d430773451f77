package io.costsentry.operator.budget;

import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.Window;
import io.costsentry.core.pricing.Money;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.crds.v1alpha1.LimitUnit;
import io.costsentry.crds.v1alpha1.Period;
import java.math.BigDecimal;
import java.math.BigInteger;

/** One limit's current window as status shows it: cost in USD (from micro-USD), tokens as is. */
public final class LimitUsage {
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);
  private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);

  private LimitUsage() {}

  /**
   * @param used the counter's settled usage: micro-USD for cost limits, tokens otherwise
   */
  public static LimitStatus of(LimitPolicy limit, Window window, long used) {
    LimitStatus s = new LimitStatus();
    s.setName(limit.name());
    s.setPeriod(Period.valueOf(limit.period().name()));
    s.setWindowStart(window.start().toString());
    s.setWindowEnd(window.end().toString());
    boolean cost = limit.metric() == LimitMetric.COST_USD;
    s.setUnit(cost ? LimitUnit.USD : LimitUnit.TOKENS);
    s.setUsed(cost ? usd(used) : BigDecimal.valueOf(used));
    s.setLimit(cost ? usd(limit.amount()) : BigDecimal.valueOf(limit.amount()));
    s.setPercent(percent(used, limit.amount()));
    return s;
  }

  /** {@code used / limit} in percent, rounded down; 0 for a zero limit with nothing used. */
  public static int percent(long used, long limit) {
    if (used <= 0) {
      return 0;
    }
    if (limit <= 0) {
      return Integer.MAX_VALUE;
    }
    BigInteger p = BigInteger.valueOf(used).multiply(HUNDRED).divide(BigInteger.valueOf(limit));
    return p.min(MAX_INT).intValueExact();
  }

  /** Micro-USD as plain USD without trailing zeros: 12500000 → 12.5. */
  static BigDecimal usd(long micros) {
    BigDecimal v = Money.microsToUsd(micros).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }
}

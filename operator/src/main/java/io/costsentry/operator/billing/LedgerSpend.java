package io.costsentry.operator.billing;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.LimitScope;
import io.costsentry.core.policy.Period;
import io.costsentry.core.pricing.Money;
import io.costsentry.operator.budget.UsageReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The ledger's spend of a cost center over a {@link BillingPeriod}, to set beside the bill. The
 * ledger keeps spend per limit window, so the figure comes from the budget's unscoped cost limits
 * in UTC (the bill's days are UTC days): the Day limit's windows, one per billed day, give it
 * exactly; else the Month limit's window gives it exactly for a whole month, and otherwise only an
 * upper bound (its window also holds the days since the period's end, not billed yet).
 */
public final class LedgerSpend {
  /** How the figure relates to the ledger's spend over exactly the billed days. */
  public enum Accuracy {
    EXACT,
    UPPER_BOUND
  }

  public record Figure(BigDecimal usd, Accuracy accuracy) {}

  private final Ledger ledger;

  public LedgerSpend(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * @return empty when the budget has no unscoped UTC Day or Month cost limit
   * @throws io.costsentry.core.ledger.LedgerUnavailableException when the ledger cannot be read
   */
  public Optional<Figure> over(BudgetPolicy budget, BillingPeriod period) {
    Optional<LimitPolicy> daily = unscopedUtcCost(budget, Period.DAY);
    if (daily.isPresent()) {
      long micros = 0;
      for (LocalDate day = period.start(); day.isBefore(period.end()); day = day.plusDays(1)) {
        micros += used(budget, daily.get(), day);
      }
      return Optional.of(new Figure(usd(micros), Accuracy.EXACT));
    }
    Optional<LimitPolicy> monthly = unscopedUtcCost(budget, Period.MONTH);
    if (monthly.isPresent()) {
      long micros = used(budget, monthly.get(), period.start());
      return Optional.of(
          new Figure(usd(micros), period.wholeMonth() ? Accuracy.EXACT : Accuracy.UPPER_BOUND));
    }
    return Optional.empty();
  }

  private long used(BudgetPolicy budget, LimitPolicy limit, LocalDate day) {
    CounterKey key =
        new CounterKey(
            UsageReader.counterId(budget.costCenter(), limit.name()),
            limit.period().windowAt(day.atStartOfDay(ZoneOffset.UTC).toInstant(), limit.zone()));
    return ledger.read(key).used();
  }

  private static Optional<LimitPolicy> unscopedUtcCost(BudgetPolicy budget, Period period) {
    return budget.limits().stream()
        .filter(l -> l.period() == period)
        .filter(l -> l.metric() == LimitMetric.COST_USD)
        .filter(l -> LimitScope.ALL.equals(l.scope()))
        .filter(l -> l.zone().normalized().equals(ZoneOffset.UTC))
        .findFirst();
  }

  private static BigDecimal usd(long micros) {
    return Money.microsToUsd(micros).stripTrailingZeros();
  }
}

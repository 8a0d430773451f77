package io.costsentry.operator.report;

import io.costsentry.core.config.PolicySnapshot;
import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.LimitScope;
import io.costsentry.core.policy.Window;
import io.costsentry.core.pricing.Money;
import io.costsentry.sidecar.config.InvalidManifestException;
import io.costsentry.sidecar.config.ManifestPolicyLoader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cost budgets a report compares spend with, from the configuration records the operator writes
 * to the ledger table ({@code config#v1alpha1}), read and validated exactly as the sidecars read
 * them.
 */
public final class BudgetLimits {
  private final PolicyStore store;
  private final Progress progress;

  public BudgetLimits(PolicyStore store, Progress progress) {
    this.store = store;
    this.progress = progress;
  }

  /** Cost budgets over {@code period} by cost center; empty (with a warning) if unreadable. */
  public Map<String, CostBudget> read(ReportPeriod period) {
    progress.step("reading budgets from the ledger table's configuration records");
    PolicySnapshot snapshot = store.read();
    if (snapshot.budgets().isEmpty()) {
      return Map.of();
    }
    List<String> documents = new ArrayList<>(new TreeMap<>(snapshot.aliases()).values());
    documents.addAll(new TreeMap<>(snapshot.budgets()).values());
    try {
      Map<String, CostBudget> result = new HashMap<>();
      new ManifestPolicyLoader()
          .parse(String.join("\n---\n", documents), "ledger policy records")
          .budgets()
          .values()
          .forEach(b -> costBudget(b, period).ifPresent(c -> result.put(b.costCenter(), c)));
      return result;
    } catch (InvalidManifestException e) {
      progress.warn("budgets left out, their records do not validate: " + e.getMessage());
      return Map.of();
    }
  }

  /**
   * The budget's unscoped cost limit with the longest period, over the report's period: its amount
   * times the number of its windows the period touches.
   */
  static Optional<CostBudget> costBudget(BudgetPolicy budget, ReportPeriod period) {
    return budget.limits().stream()
        .filter(l -> l.metric() == LimitMetric.COST_USD && l.scope().equals(LimitScope.ALL))
        .max(Comparator.comparing(LimitPolicy::period))
        .map(
            limit -> {
              long windows = windowsTouched(limit, period);
              BigDecimal perWindow = Money.microsToUsd(limit.amount());
              return new CostBudget(
                  limit.name(),
                  limit.period().manifestName(),
                  windows,
                  perWindow.multiply(BigDecimal.valueOf(windows)));
            });
  }

  static long windowsTouched(LimitPolicy limit, ReportPeriod period) {
    Instant start = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = period.endExclusive().atStartOfDay(ZoneOffset.UTC).toInstant();
    long count = 0;
    Window window = limit.period().windowAt(start, limit.zone());
    while (window.start().isBefore(end)) {
      count++;
      window = limit.period().windowAt(window.end(), limit.zone());
    }
    return count;
  }
}

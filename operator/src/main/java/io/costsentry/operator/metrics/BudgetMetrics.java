package io.costsentry.operator.metrics;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetStatus;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.operator.budget.CostCenterOwnership;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Budget gauges for Prometheus alerts, read from the budgets' status (what {@code kubectl get ccb}
 * shows, refreshed from the ledger by the leader). Every replica exports the same values from its
 * informer: alert on {@code max by (cost_center, limit)}.
 */
public final class BudgetMetrics {
  private final Supplier<Collection<CostCenterBudget>> budgets;

  public BudgetMetrics(Supplier<Collection<CostCenterBudget>> budgets) {
    this.budgets = budgets;
  }

  /** Prometheus text format. */
  public String render() {
    StringBuilder used =
        new StringBuilder(
            "# HELP costsentry_budget_used_percent Percent of a limit's current window used.\n"
                + "# TYPE costsentry_budget_used_percent gauge\n");
    StringBuilder exceeded =
        new StringBuilder(
            "# HELP costsentry_budget_exceeded Whether a limit of the cost center is used up.\n"
                + "# TYPE costsentry_budget_exceeded gauge\n");
    List<CostCenterBudget> sorted =
        budgets.get().stream()
            .filter(b -> b.getStatus() != null)
            .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
            .toList();
    for (CostCenterBudget b : sorted) {
      CostCenterBudgetStatus status = b.getStatus();
      String costCenter =
          status.getCostCenter() != null
              ? status.getCostCenter()
              : CostCenterOwnership.costCenter(b);
      if (status.getLimits() != null) {
        for (LimitStatus l : status.getLimits()) {
          used.append("costsentry_budget_used_percent{cost_center=\"")
              .append(escape(costCenter))
              .append("\",limit=\"")
              .append(escape(l.getName()))
              .append("\",period=\"")
              .append(l.getPeriod() == null ? "" : l.getPeriod().name().toLowerCase(Locale.ROOT))
              .append("\"} ")
              .append(percent(l))
              .append('\n');
        }
      }
      boolean over =
          status.getConditions() != null
              && status.getConditions().stream()
                  .anyMatch(
                      c ->
                          CostCenterBudgetStatus.CONDITION_BUDGET_EXCEEDED.equals(c.getType())
                              && "True".equals(c.getStatus()));
      exceeded
          .append("costsentry_budget_exceeded{cost_center=\"")
          .append(escape(costCenter))
          .append("\"} ")
          .append(over ? 1 : 0)
          .append('\n');
    }
    return used.append(exceeded).toString();
  }

  /** Exact from used and limit when both are there, the rounded status percent otherwise. */
  static String percent(LimitStatus l) {
    BigDecimal used = l.getUsed();
    BigDecimal limit = l.getLimit();
    if (used != null && limit != null && limit.signum() > 0) {
      return used.multiply(BigDecimal.valueOf(100))
          .divide(limit, MathContext.DECIMAL64)
          .stripTrailingZeros()
          .toPlainString();
    }
    return l.getPercent() == null ? "0" : l.getPercent().toString();
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

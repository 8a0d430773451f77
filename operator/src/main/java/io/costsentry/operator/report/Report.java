package io.costsentry.operator.report;

import io.costsentry.core.pricing.Money;
import io.costsentry.core.usage.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A finished report, ready to render in any {@link Format}. Money is USD with six decimals (the
 * ledger counts micro-USD); ledger figures are {@code null} when the source is {@link
 * Source#BILLED}, billed ones when it is {@link Source#LEDGER}.
 *
 * @param rows spend by the {@code groupBy} dimensions, largest first
 * @param total all rows added up
 * @param costCenters one summary per cost center with its budget, for the budget chart and table
 * @param daily spend per cost center and day, every day of the period, for the time chart
 * @param notes what a reader should know about these figures (bill lag, estimates, services)
 */
public record Report(
    Instant generatedAt,
    ReportPeriod period,
    Source source,
    List<GroupBy> groupBy,
    List<Row> rows,
    Row total,
    List<CostCenterSummary> costCenters,
    List<DaySpend> daily,
    List<String> notes) {

  /** Shown for an empty dimension value (a pod without application id, untagged spend). */
  public static final String NONE = "(none)";

  public Report {
    groupBy = List.copyOf(groupBy);
    rows = List.copyOf(rows);
    costCenters = List.copyOf(costCenters);
    daily = List.copyOf(daily);
    notes = List.copyOf(notes);
  }

  /**
   * One line of the report.
   *
   * @param group the value of each grouped dimension, in {@code groupBy} order
   * @param ledger what the ledger settled, or {@code null}
   * @param billedUSD what Cost Explorer billed, or {@code null}
   */
  public record Row(Map<GroupBy, String> group, UsageTotals ledger, BigDecimal billedUSD) {
    public Row {
      group = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(group));
    }

    public BigDecimal ledgerUSD() {
      return ledger == null ? null : usd(ledger.costMicros());
    }

    /** Ledger minus billed; {@code null} unless both are known. */
    public BigDecimal driftUSD() {
      return ledger == null || billedUSD == null ? null : ledgerUSD().subtract(billedUSD);
    }

    /** Drift as a percentage of the billed cost; {@code null} when nothing was billed. */
    public BigDecimal driftPercent() {
      BigDecimal drift = driftUSD();
      return drift == null || billedUSD.signum() == 0 ? null : percent(drift, billedUSD);
    }

    /** The spend this row is ranked and charted by: the ledger's when known, else the bill's. */
    public BigDecimal spendUSD() {
      return ledger != null ? ledgerUSD() : billedUSD;
    }
  }

  /**
   * @param budget the cost center's cost budget over the period, or {@code null} without one
   */
  public record CostCenterSummary(
      String costCenter, UsageTotals ledger, BigDecimal billedUSD, CostBudget budget) {
    public BigDecimal ledgerUSD() {
      return ledger == null ? null : usd(ledger.costMicros());
    }

    public BigDecimal spendUSD() {
      return ledger != null ? ledgerUSD() : billedUSD;
    }

    /** Spend as a percentage of the budget; {@code null} without a budget or for a zero one. */
    public BigDecimal budgetPercent() {
      return budget == null || budget.amountUSD().signum() == 0
          ? null
          : percent(spendUSD(), budget.amountUSD());
    }
  }

  /** Spend of one cost center on one day. */
  public record DaySpend(
      LocalDate day, String costCenter, BigDecimal ledgerUSD, BigDecimal billedUSD) {}

  public static BigDecimal usd(long micros) {
    return Money.microsToUsd(micros);
  }

  static BigDecimal percent(BigDecimal part, BigDecimal whole) {
    return part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_UP);
  }

  /** Shown for billed spend without the costCenter tag. */
  public static final String UNTAGGED = "(untagged)";

  /** A dimension value for people: {@link #NONE} for an empty one. */
  public static String display(String value) {
    return value == null || value.isEmpty() ? NONE : value;
  }

  /** A cost center for people: {@link #UNTAGGED} for spend without the tag. */
  public static String displayCostCenter(String costCenter) {
    return costCenter == null || costCenter.isEmpty() ? UNTAGGED : costCenter;
  }
}

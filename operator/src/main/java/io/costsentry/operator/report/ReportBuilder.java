package io.costsentry.operator.report;

import io.costsentry.core.usage.DailyUsage;
import io.costsentry.core.usage.UsageTotals;
import io.costsentry.operator.report.Report.CostCenterSummary;
import io.costsentry.operator.report.Report.DaySpend;
import io.costsentry.operator.report.Report.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts the ledger's usage, the bill and the budgets together into a {@link Report}. Pure: no I/O,
 * every input given.
 */
public final class ReportBuilder {
  private ReportBuilder() {}

  /**
   * @param ledger the ledger's daily usage in the period (empty when the source is billed only)
   * @param billed what Cost Explorer billed in the period (empty when the source is ledger only)
   * @param budgets cost budgets over the period by cost center
   * @param notes notes from reading the sources, kept before the builder's own
   */
  public static Report build(
      ReportRequest request,
      List<DailyUsage> ledger,
      BilledResult billed,
      Map<String, CostBudget> budgets,
      Instant now,
      List<String> notes) {
    Source source = request.source();
    List<GroupBy> groupBy = request.groupBy();

    Map<List<String>, UsageTotals> ledgerRows = new HashMap<>();
    Map<String, UsageTotals> ledgerByCenter = new HashMap<>();
    Map<LocalDate, Map<String, BigDecimal>> ledgerDaily = new HashMap<>();
    if (source.ledger()) {
      for (DailyUsage u : ledger) {
        if (!request.includes(u.dimensions().costCenter())) {
          continue;
        }
        List<String> key = groupBy.stream().map(g -> g.valueOf(u.dimensions())).toList();
        ledgerRows.merge(key, u.totals(), UsageTotals::plus);
        ledgerByCenter.merge(u.dimensions().costCenter(), u.totals(), UsageTotals::plus);
        ledgerDaily
            .computeIfAbsent(u.day(), d -> new HashMap<>())
            .merge(
                u.dimensions().costCenter(), Report.usd(u.totals().costMicros()), BigDecimal::add);
      }
    }
    Map<String, BigDecimal> billedByCenter = new HashMap<>();
    Map<LocalDate, Map<String, BigDecimal>> billedDaily = new HashMap<>();
    if (source.billed()) {
      for (BilledSpend b : billed.spend()) {
        if (!request.includes(b.costCenter())) {
          continue;
        }
        BigDecimal cost = b.costUSD().setScale(6, RoundingMode.HALF_UP);
        billedByCenter.merge(b.costCenter(), cost, BigDecimal::add);
        billedDaily
            .computeIfAbsent(b.day(), d -> new HashMap<>())
            .merge(b.costCenter(), cost, BigDecimal::add);
      }
    }

    List<Row> rows = new ArrayList<>();
    if (source.billed()) {
      // Billed figures exist per cost center only, so rows are cost centers (ReportRequest checks).
      Set<String> centers = new TreeSet<>(ledgerByCenter.keySet());
      centers.addAll(billedByCenter.keySet());
      for (String cc : centers) {
        rows.add(
            new Row(
                Map.of(GroupBy.COST_CENTER, cc),
                source.ledger() ? ledgerByCenter.getOrDefault(cc, UsageTotals.ZERO) : null,
                billedByCenter.getOrDefault(cc, zero())));
      }
    } else {
      ledgerRows.forEach(
          (key, totals) -> {
            Map<GroupBy, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
              group.put(groupBy.get(i), key.get(i));
            }
            rows.add(new Row(group, totals, null));
          });
    }
    rows.sort(
        Comparator.comparing(Row::spendUSD, Comparator.reverseOrder())
            .thenComparing(r -> String.join("\u0000", r.group().values())));

    Row total =
        new Row(
            Map.of(),
            source.ledger()
                ? rows.stream().map(Row::ledger).reduce(UsageTotals.ZERO, UsageTotals::plus)
                : null,
            source.billed()
                ? rows.stream().map(Row::billedUSD).reduce(zero(), BigDecimal::add)
                : null);

    Set<String> centers = new TreeSet<>(ledgerByCenter.keySet());
    centers.addAll(billedByCenter.keySet());
    budgets.keySet().stream().filter(request::includes).forEach(centers::add);
    List<CostCenterSummary> summaries = new ArrayList<>();
    for (String cc : centers) {
      summaries.add(
          new CostCenterSummary(
              cc,
              source.ledger() ? ledgerByCenter.getOrDefault(cc, UsageTotals.ZERO) : null,
              source.billed() ? billedByCenter.getOrDefault(cc, zero()) : null,
              budgets.get(cc)));
    }

    List<DaySpend> daily = new ArrayList<>();
    for (LocalDate day : request.period().days()) {
      for (String cc : centers) {
        daily.add(
            new DaySpend(
                day,
                cc,
                source.ledger()
                    ? ledgerDaily.getOrDefault(day, Map.of()).getOrDefault(cc, zero())
                    : null,
                source.billed()
                    ? billedDaily.getOrDefault(day, Map.of()).getOrDefault(cc, zero())
                    : null));
      }
    }

    List<String> allNotes = new ArrayList<>(notes);
    if (source.billed()) {
      allNotes.addAll(billingNotes(request.period(), billed, now));
    }
    return new Report(
        now, request.period(), source, groupBy, rows, total, summaries, daily, allNotes);
  }

  private static List<String> billingNotes(ReportPeriod period, BilledResult billed, Instant now) {
    List<String> notes = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    if (!period.to().isBefore(today.minusDays(1))) {
      notes.add(
          "Cost Explorer lags the ledger by up to a day: spend of "
              + (period.to().isBefore(today) ? "yesterday" : "today and yesterday")
              + " may not be billed yet, so the ledger runs ahead of the bill.");
    }
    if (!billed.estimatedDays().isEmpty()) {
      notes.add(
          "Cost Explorer still marks "
              + billed.estimatedDays().size()
              + " day(s) as estimated ("
              + billed.estimatedDays().first()
              + (billed.estimatedDays().size() > 1 ? " to " + billed.estimatedDays().last() : "")
              + "): their billed figures may change.");
    }
    if (!billed.services().isEmpty()) {
      notes.add(
          "Billed spend includes the services: " + String.join(", ", billed.services()) + ".");
    }
    return notes;
  }

  private static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(6);
  }
}

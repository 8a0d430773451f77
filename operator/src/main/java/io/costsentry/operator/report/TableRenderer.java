package io.costsentry.operator.report;

import io.costsentry.operator.report.Report.CostCenterSummary;
import io.costsentry.operator.report.Report.Row;
import java.util.ArrayList;
import java.util.List;

/** The report as aligned text for a terminal: rows, a total line, budgets and notes. */
public final class TableRenderer implements ReportRenderer {

  @Override
  public String render(Report report) {
    StringBuilder out = new StringBuilder();
    out.append("CostSentry report, ")
        .append(report.period())
        .append(" (UTC days), source: ")
        .append(report.source().option())
        .append(", grouped by ")
        .append(String.join(", ", report.groupBy().stream().map(GroupBy::option).toList()))
        .append('\n')
        .append("Generated ")
        .append(report.generatedAt())
        .append("\n\n");

    List<Columns> columns = Columns.of(report);
    List<String> headers = columns.stream().map(Columns::header).toList();
    List<Boolean> numeric = columns.stream().map(Columns::numeric).toList();
    List<List<String>> cells = new ArrayList<>();
    for (Row row : report.rows()) {
      cells.add(columns.stream().map(c -> c.display(row)).toList());
    }
    List<String> total = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      total.add(
          i == 0
              ? "TOTAL"
              : columns.get(i).numeric() ? columns.get(i).display(report.total()) : "");
    }
    if (report.rows().isEmpty()) {
      out.append("No spend in this period.\n");
    } else {
      out.append(align(headers, numeric, cells, total));
    }

    if (!report.costCenters().isEmpty()) {
      out.append("\nBudgets (spend as a share of each cost center's cost limit over the period)\n");
      List<List<String>> budgetRows = new ArrayList<>();
      for (CostCenterSummary s : report.costCenters()) {
        budgetRows.add(
            List.of(
                Report.displayCostCenter(s.costCenter()),
                s.budget() == null
                    ? "no cost limit"
                    : s.budget().limitName()
                        + " ("
                        + s.budget().windows()
                        + " x "
                        + s.budget().period()
                        + ")",
                s.budget() == null ? "" : Columns.usd(s.budget().amountUSD()),
                Columns.usd(s.spendUSD()),
                Columns.percent(s.budgetPercent())));
      }
      out.append(
          align(
              List.of("Cost center", "Limit", "Budget USD", "Spent USD", "Used %"),
              List.of(false, false, true, true, true),
              budgetRows,
              null));
    }
    if (!report.notes().isEmpty()) {
      out.append("\nNotes\n");
      report.notes().forEach(n -> out.append("- ").append(n).append('\n'));
    }
    return out.toString();
  }

  private static String align(
      List<String> headers, List<Boolean> numeric, List<List<String>> rows, List<String> total) {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>(rows);
    all.add(headers);
    if (total != null) {
      all.add(total);
    }
    for (List<String> r : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, numeric, widths);
    rule(out, widths);
    rows.forEach(r -> line(out, r, numeric, widths));
    if (total != null) {
      rule(out, widths);
      line(out, total, numeric, widths);
    }
    return out.toString();
  }

  private static void rule(StringBuilder out, int[] widths) {
    for (int i = 0; i < widths.length; i++) {
      out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.append('\n');
  }

  private static void line(
      StringBuilder out, List<String> cells, List<Boolean> numeric, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(numeric.get(i) ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}

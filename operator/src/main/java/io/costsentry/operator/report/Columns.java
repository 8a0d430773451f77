package io.costsentry.operator.report;

import io.costsentry.operator.report.Report.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a report's rows, shared by the table, CSV and HTML formats so they always agree:
 * the grouped dimensions, then the ledger's figures, then the bill's and the drift, as the source
 * has them.
 *
 * @param header the title people read
 * @param csvName the CSV column name (snake case)
 * @param numeric right-aligned in tables
 * @param value the cell, exact (CSV, JSON) — table and HTML shorten money via {@link #usd}
 */
public record Columns(String header, String csvName, boolean numeric, Function<Row, Object> value) {

  public static List<Columns> of(Report report) {
    List<Columns> columns = new ArrayList<>();
    for (GroupBy g : report.groupBy()) {
      columns.add(
          new Columns(
              g.title(),
              g.field().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT),
              false,
              r -> r.group().getOrDefault(g, "")));
    }
    if (report.source().ledger()) {
      columns.add(new Columns("Requests", "requests", true, r -> r.ledger().requests()));
      columns.add(
          new Columns("Input tokens", "input_tokens", true, r -> r.ledger().allInputTokens()));
      columns.add(
          new Columns("Output tokens", "output_tokens", true, r -> r.ledger().outputTokens()));
      columns.add(new Columns("Ledger USD", "ledger_cost_usd", true, Row::ledgerUSD));
    }
    if (report.source().billed()) {
      columns.add(new Columns("Billed USD", "billed_cost_usd", true, Row::billedUSD));
    }
    if (report.source() == Source.BOTH) {
      columns.add(new Columns("Drift USD", "drift_usd", true, Row::driftUSD));
      columns.add(new Columns("Drift %", "drift_percent", true, Row::driftPercent));
    }
    return columns;
  }

  /** Money for people: four decimals (Bedrock requests cost fractions of a cent). */
  public static String usd(BigDecimal value) {
    return value == null ? "" : value.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  public static String percent(BigDecimal value) {
    return value == null ? "" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** A cell for people: grouped integers, shortened money, {@code (none)} for empty values. */
  public String display(Row row) {
    Object v = value.apply(row);
    if (v == null) {
      return "";
    }
    if (!numeric) {
      return header.equals(GroupBy.COST_CENTER.title())
          ? Report.displayCostCenter((String) v)
          : Report.display((String) v);
    }
    if (v instanceof Long l) {
      return String.format(java.util.Locale.ROOT, "%,d", l);
    }
    if (header.endsWith("%")) {
      BigDecimal p = (BigDecimal) v;
      return (p.signum() > 0 ? "+" : "") + percent(p);
    }
    return usd((BigDecimal) v);
  }

  /** A cell for machines: exact figures, empty for absent values. */
  public String exact(Row row) {
    Object v = value.apply(row);
    if (v == null) {
      return "";
    }
    return v instanceof BigDecimal b ? b.toPlainString() : v.toString();
  }
}

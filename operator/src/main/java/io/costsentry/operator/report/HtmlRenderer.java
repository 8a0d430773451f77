package io.costsentry.operator.report;

import io.costsentry.operator.report.Report.CostCenterSummary;
import io.costsentry.operator.report.Report.Row;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS and SVG charts, no script, nothing fetched
 * from the network, so it can be mailed or archived as is.
 *
 * <p>The charts sit at fixed places at the top of the page ({@link #CHART_LEFT}, {@link
 * #SPEND_TOP}, {@link #budgetTop()}) so that a screenshot can be checked for them.
 */
public final class HtmlRenderer implements ReportRenderer {
  static final int HEADER_HEIGHT = 72;
  static final int CHART_LEFT = 24;
  static final int SPEND_TOP = HEADER_HEIGHT + 16;

  static int budgetTop() {
    return SPEND_TOP + SvgCharts.SPEND_HEIGHT + 24;
  }

  private static final String CSS =
      """
      body{margin:0;font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#222;background:#fff;width:1000px}
      header{height:72px;box-sizing:border-box;padding:14px 24px 0;overflow:hidden;border-bottom:1px solid #ddd}
      header h1{font-size:20px;margin:0 0 6px}
      header p{font-size:13px;margin:0;color:#555}
      .charts{position:relative}
      .charts svg{position:absolute;left:24px;display:block}
      svg .title{font-size:15px;font-weight:bold;fill:#222}
      svg .axis{font-size:11px;fill:#555}
      svg .legend{font-size:12px;fill:#222}
      section{margin:0 24px 24px}
      h2{font-size:16px;margin:16px 0 8px}
      table{border-collapse:collapse;font-size:13px}
      th,td{padding:4px 10px;border-bottom:1px solid #e5e5e5;text-align:left}
      th{background:#f4f4f4}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      tr.total td{font-weight:bold;border-top:2px solid #999}
      ul.notes{font-size:13px;color:#444}
      """;

  @Override
  public String render(Report report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>CostSentry report ")
        .append(Html.escape(report.period().toString()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>CostSentry report: ")
        .append(Html.escape(report.period().toString()))
        .append("</h1>\n<p>UTC days; source: ")
        .append(report.source().option())
        .append("; grouped by ")
        .append(
            Html.escape(String.join(", ", report.groupBy().stream().map(GroupBy::option).toList())))
        .append("; generated ")
        .append(report.generatedAt())
        .append("</p>\n</header>\n");

    int budgetTop = budgetTop();
    int chartsHeight = budgetTop + SvgCharts.budgetHeight(report) + 8 - HEADER_HEIGHT;
    html.append("<div class=\"charts\" style=\"height:")
        .append(chartsHeight)
        .append("px\">\n")
        .append(
            SvgCharts.spend(report)
                .replaceFirst("<svg ", "<svg style=\"top:" + (SPEND_TOP - HEADER_HEIGHT) + "px\" "))
        .append(
            SvgCharts.budget(report)
                .replaceFirst("<svg ", "<svg style=\"top:" + (budgetTop - HEADER_HEIGHT) + "px\" "))
        .append("</div>\n");

    html.append("<section>\n<h2>Spend</h2>\n");
    if (report.rows().isEmpty()) {
      html.append("<p>No spend in this period.</p>\n");
    } else {
      html.append(rowsTable(report));
    }
    html.append("</section>\n<section>\n<h2>Budgets</h2>\n").append(budgetsTable(report));
    html.append("</section>\n");
    if (!report.notes().isEmpty()) {
      html.append("<section>\n<h2>Notes</h2>\n<ul class=\"notes\">\n");
      report.notes().forEach(n -> html.append("<li>").append(Html.escape(n)).append("</li>\n"));
      html.append("</ul>\n</section>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static String rowsTable(Report report) {
    List<Columns> columns = Columns.of(report);
    StringBuilder t = new StringBuilder("<table id=\"rows\">\n<thead><tr>");
    columns.forEach(
        c ->
            t.append(c.numeric() ? "<th class=\"n\">" : "<th>")
                .append(Html.escape(c.header()))
                .append("</th>"));
    t.append("</tr></thead>\n<tbody>\n");
    for (Row row : report.rows()) {
      t.append("<tr>");
      columns.forEach(c -> cell(t, c.numeric(), c.display(row)));
      t.append("</tr>\n");
    }
    t.append("<tr class=\"total\">");
    for (int i = 0; i < columns.size(); i++) {
      Columns c = columns.get(i);
      cell(t, c.numeric(), i == 0 ? "Total" : c.numeric() ? c.display(report.total()) : "");
    }
    t.append("</tr>\n</tbody>\n</table>\n");
    return t.toString();
  }

  private static String budgetsTable(Report report) {
    StringBuilder t =
        new StringBuilder(
            "<table id=\"budgets\">\n<thead><tr><th>Cost center</th><th>Limit</th>"
                + "<th class=\"n\">Budget USD</th><th class=\"n\">Spent USD</th>"
                + "<th class=\"n\">Used %</th></tr></thead>\n<tbody>\n");
    for (CostCenterSummary s : report.costCenters()) {
      t.append("<tr>");
      cell(t, false, Report.displayCostCenter(s.costCenter()));
      cell(
          t,
          false,
          s.budget() == null
              ? "no cost limit"
              : s.budget().limitName()
                  + " ("
                  + s.budget().windows()
                  + " x "
                  + s.budget().period()
                  + ")");
      cell(t, true, s.budget() == null ? "" : Columns.usd(s.budget().amountUSD()));
      cell(t, true, Columns.usd(s.spendUSD()));
      cell(t, true, Columns.percent(s.budgetPercent()));
      t.append("</tr>\n");
    }
    t.append("</tbody>\n</table>\n");
    return t.toString();
  }

  private static void cell(StringBuilder t, boolean numeric, String text) {
    t.append(numeric ? "<td class=\"n\">" : "<td>").append(Html.escape(text)).append("</td>");
  }
}

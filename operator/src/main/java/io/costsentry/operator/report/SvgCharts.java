package io.costsentry.operator.report;

import io.costsentry.operator.report.Report.CostCenterSummary;
import io.costsentry.operator.report.Report.DaySpend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTML report's two charts as inline SVG (no script, no network): spend per day and cost
 * center, and spend as a percentage of each cost center's budget. Series colours come from {@link
 * #PALETTE}, in the order of the report's cost centers.
 */
final class SvgCharts {
  /** Tableau 10 without its grey: distinct, readable, and never used for text or grid lines. */
  static final List<String> PALETTE =
      List.of(
          "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22",
          "#17becf");

  static final int SPEND_WIDTH = 900;
  static final int SPEND_HEIGHT = 320;
  static final int BUDGET_WIDTH = 900;
  private static final int BUDGET_ROW = 36;
  private static final int BUDGET_HEADER = 56;

  private SvgCharts() {}

  static String colour(Report report, String costCenter) {
    List<String> centers =
        report.costCenters().stream().map(CostCenterSummary::costCenter).toList();
    int i = centers.indexOf(costCenter);
    return PALETTE.get(Math.max(i, 0) % PALETTE.size());
  }

  static int budgetHeight(Report report) {
    return BUDGET_HEADER + BUDGET_ROW * Math.max(1, report.costCenters().size()) + 16;
  }

  /** Daily spend per cost center: solid lines for the ledger, dashed for the bill. */
  static String spend(Report report) {
    int left = 70;
    int right = 190;
    int top = 44;
    int bottom = 40;
    int plotW = SPEND_WIDTH - left - right;
    int plotH = SPEND_HEIGHT - top - bottom;
    List<LocalDate> days = report.period().days();
    double max =
        report.daily().stream()
            .flatMap(d -> java.util.stream.Stream.of(d.ledgerUSD(), d.billedUSD()))
            .filter(java.util.Objects::nonNull)
            .mapToDouble(BigDecimal::doubleValue)
            .max()
            .orElse(0);
    double scale = niceCeiling(max);
    Function<Integer, Double> x =
        i -> days.size() == 1 ? left + plotW / 2.0 : left + i * (double) plotW / (days.size() - 1);
    Function<BigDecimal, Double> y = v -> top + plotH - v.doubleValue() / scale * plotH;

    StringBuilder svg = new StringBuilder();
    svg.append(
        fmt(
            "<svg id=\"spend-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Spend per day and cost center\">\n",
            SPEND_WIDTH, SPEND_HEIGHT, SPEND_WIDTH, SPEND_HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append(
        fmt(
            "<text x=\"%d\" y=\"24\" class=\"title\">Spend per day (USD), by cost center</text>\n",
            left));
    for (int t = 0; t <= 4; t++) {
      double value = scale * t / 4;
      double ty = top + plotH - plotH * t / 4.0;
      svg.append(
          fmt(
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>\n",
              left, left + plotW, ty, ty));
      svg.append(
          fmt(
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"axis\">$%s</text>\n",
              left - 6, ty + 4, tick(value)));
    }
    int labelEvery = Math.max(1, (int) Math.ceil(days.size() / 10.0));
    for (int i = 0; i < days.size(); i += labelEvery) {
      svg.append(
          fmt(
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%s</text>\n",
              x.apply(i), SPEND_HEIGHT - bottom + 18, days.get(i).toString().substring(5)));
    }
    Map<String, List<DaySpend>> byCenter =
        report.daily().stream().collect(Collectors.groupingBy(DaySpend::costCenter));
    int legendY = top;
    for (CostCenterSummary s : report.costCenters()) {
      String colour = colour(report, s.costCenter());
      List<DaySpend> series = byCenter.getOrDefault(s.costCenter(), List.of());
      if (report.source().ledger()) {
        svg.append(series(series, DaySpend::ledgerUSD, colour, false, x, y, days));
      }
      if (report.source().billed()) {
        svg.append(
            series(series, DaySpend::billedUSD, colour, report.source().ledger(), x, y, days));
      }
      svg.append(
          fmt(
              "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>\n",
              left + plotW + 20,
              legendY,
              colour,
              left + plotW + 40,
              legendY + 12,
              Html.escape(Report.displayCostCenter(s.costCenter()))));
      legendY += 22;
    }
    if (report.source() == Source.BOTH) {
      svg.append(
          fmt(
              "<text x=\"%d\" y=\"%d\" class=\"axis\">solid: ledger, dashed: billed</text>\n",
              left + plotW + 20, legendY + 12));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String series(
      List<DaySpend> series,
      Function<DaySpend, BigDecimal> value,
      String colour,
      boolean dashed,
      Function<Integer, Double> x,
      Function<BigDecimal, Double> y,
      List<LocalDate> days) {
    StringBuilder points = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (DaySpend d : series) {
      BigDecimal v = value.apply(d);
      if (v == null) {
        continue;
      }
      int i = days.indexOf(d.day());
      double px = x.apply(i);
      double py = y.apply(v);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
      String tip = Html.escape(d.costCenter() + " " + d.day() + ": $" + Columns.usd(v));
      dots.append(
          dashed
              ? fmt(
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"><title>%s (billed)</title></rect>\n",
                  px - 4, py - 4, colour, tip)
              : fmt(
                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"><title>%s</title></circle>\n",
                  px, py, colour, tip));
    }
    return fmt(
        "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"3\"%s points=\"%s\"/>\n%s",
        colour, dashed ? " stroke-dasharray=\"7 5\"" : "", points.toString().trim(), dots);
  }

  /** Spend as a share of each cost center's budget, with the 100 % mark. */
  static String budget(Report report) {
    int labelW = 170;
    int barMax = 520;
    int height = budgetHeight(report);
    double maxPercent =
        report.costCenters().stream()
            .map(CostCenterSummary::budgetPercent)
            .filter(java.util.Objects::nonNull)
            .mapToDouble(BigDecimal::doubleValue)
            .max()
            .orElse(0);
    double axis = Math.min(200, Math.max(100, Math.ceil(maxPercent / 25) * 25));
    StringBuilder svg = new StringBuilder();
    svg.append(
        fmt(
            "<svg id=\"budget-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Percent of budget per cost center\">\n",
            BUDGET_WIDTH, height, BUDGET_WIDTH, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append(
        fmt(
            "<text x=\"%d\" y=\"24\" class=\"title\">Percent of budget used, by cost center</text>\n",
            labelW));
    int y = BUDGET_HEADER;
    for (CostCenterSummary s : report.costCenters()) {
      svg.append(
          fmt(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"legend\">%s</text>\n",
              labelW - 10, y + 15, Html.escape(Report.displayCostCenter(s.costCenter()))));
      BigDecimal percent = s.budgetPercent();
      if (percent == null) {
        svg.append(
            fmt("<text x=\"%d\" y=\"%d\" class=\"axis\">no cost limit</text>\n", labelW, y + 15));
      } else {
        double width = Math.max(2, Math.min(axis, percent.doubleValue()) / axis * barMax);
        svg.append(
            fmt(
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\"><title>%s</title></rect>\n",
                labelW,
                y,
                width,
                colour(report, s.costCenter()),
                Html.escape(s.costCenter() + ": " + Columns.percent(percent) + "%")));
        svg.append(
            fmt(
                "<text x=\"%.1f\" y=\"%d\" class=\"legend\">%s%% of $%s (%s, %d x %s)</text>\n",
                labelW + width + 8,
                y + 15,
                Columns.percent(percent),
                s.budget().amountUSD().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                Html.escape(s.budget().limitName()),
                s.budget().windows(),
                s.budget().period()));
      }
      y += BUDGET_ROW;
    }
    double hundred = labelW + 100 / axis * barMax;
    svg.append(
        fmt(
            "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333333\" stroke-dasharray=\"4 3\"/>\n",
            hundred, hundred, BUDGET_HEADER - 12, y));
    svg.append(
        fmt(
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">100%%</text>\n",
            hundred, BUDGET_HEADER - 16));
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Formats numbers the same whatever the machine's locale: SVG wants {@code 1.5}, not 1,5. */
  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least {@code max}; 1 for nothing spent. */
  static double niceCeiling(double max) {
    if (max <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= max) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String tick(double value) {
    return BigDecimal.valueOf(value)
        .setScale(value < 1 ? 4 : 2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}

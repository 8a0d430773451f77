package io.costsentry.operator.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.usage.UsageTotals;
import io.costsentry.operator.report.Report.CostCenterSummary;
import io.costsentry.operator.report.Report.DaySpend;
import io.costsentry.operator.report.Report.Row;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The report as JSON, schema {@value #SCHEMA} (documented in {@code docs/reporting.md}): fields are
 * added in later versions of the same schema, never renamed or removed. Money is a JSON number of
 * USD with six decimals; a figure the source does not have is left out, not zero.
 */
public final class JsonRenderer implements ReportRenderer {
  public static final String SCHEMA = "costsentry.io/report/v1";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  @Override
  public String render(Report report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generatedAt", report.generatedAt().toString());
    ObjectNode period = root.putObject("period");
    period.put("from", report.period().from().toString());
    period.put("to", report.period().to().toString());
    period.put("timeZone", "UTC");
    root.put("source", report.source().option());
    ArrayNode groupBy = root.putArray("groupBy");
    report.groupBy().forEach(g -> groupBy.add(g.option()));
    root.put("currency", "USD");

    ArrayNode rows = root.putArray("rows");
    report.rows().forEach(r -> rows.add(row(report, r)));
    root.set("total", row(report, report.total()));

    ArrayNode centers = root.putArray("costCenters");
    for (CostCenterSummary s : report.costCenters()) {
      ObjectNode c = centers.addObject();
      c.put("costCenter", s.costCenter());
      money(c, "ledgerCostUSD", s.ledgerUSD());
      money(c, "billedCostUSD", s.billedUSD());
      if (s.budget() != null) {
        ObjectNode b = c.putObject("budget");
        b.put("limit", s.budget().limitName());
        b.put("period", s.budget().period());
        b.put("windows", s.budget().windows());
        money(b, "amountUSD", s.budget().amountUSD());
        money(b, "percentUsed", s.budgetPercent());
      }
    }
    ArrayNode daily = root.putArray("daily");
    for (DaySpend d : report.daily()) {
      ObjectNode o = daily.addObject();
      o.put("day", d.day().toString());
      o.put("costCenter", d.costCenter());
      money(o, "ledgerCostUSD", d.ledgerUSD());
      money(o, "billedCostUSD", d.billedUSD());
    }
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode row(Report report, Row r) {
    ObjectNode o = JSON.createObjectNode();
    r.group().forEach((g, v) -> o.put(g.field(), v));
    if (r.ledger() != null) {
      UsageTotals t = r.ledger();
      ObjectNode l = o.putObject("ledger");
      money(l, "costUSD", r.ledgerUSD());
      l.put("requests", t.requests());
      l.put("inputTokens", t.inputTokens());
      l.put("outputTokens", t.outputTokens());
      l.put("cacheReadTokens", t.cacheReadTokens());
      l.put("cacheWriteTokens", t.cacheWriteTokens());
    }
    if (r.billedUSD() != null) {
      money(o.putObject("billed"), "costUSD", r.billedUSD());
    }
    if (report.source() == Source.BOTH) {
      ObjectNode d = o.putObject("drift");
      money(d, "costUSD", r.driftUSD());
      money(d, "percent", r.driftPercent());
    }
    return o;
  }

  private static void money(ObjectNode node, String field, BigDecimal value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}

package io.costsentry.operator.report;

import static io.costsentry.operator.report.ReportFixture.args;
import static io.costsentry.operator.report.ReportFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.operator.report.ReportFixture.Run;
import io.costsentry.simulator.awsjson.AwsJsonError;
import io.costsentry.simulator.costexplorer.CostExplorerSimulator;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code costsentry report} against a known ledger (dynalite) and bill (Cost Explorer simulator).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReportIT {
  static Dynalite dynalite;
  static DynamoDbClient client;
  static CostExplorerSimulator ce;
  static String table;
  static List<String> common;

  @BeforeAll
  static void seed() throws Exception {
    dynalite = Dynalite.start();
    client = DynaliteClients.of(dynalite);
    table = "ledger-" + UUID.randomUUID();
    ReportFixture.seedLedger(client, table);
    ce = CostExplorerSimulator.start();
    ReportFixture.seedBill(ce);
    common =
        List.of(
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-03",
            "--region",
            "us-east-1",
            "--dynamodb-endpoint",
            dynalite.endpoint().toString(),
            "--dynamodb-table",
            table,
            "--cost-explorer-endpoint",
            ce.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    ce.close();
    client.close();
    dynalite.close();
  }

  @AfterEach
  void clearFaults() {
    ce.faults().clear();
    ce.pageSize(1000);
  }

  @Test
  void aBillSpreadOverManyPagesAddsUpTheSameAsOnePage() {
    Run onePage = run(args(common, "--source", "billed", "--format", "csv", "-q"));
    ce.pageSize(2); // a day's groups split across pages too

    Run paged = run(args(common, "--source", "billed", "--format", "csv"));

    assertThat(paged.exitCode()).as(paged.err()).isZero();
    assertThat(paged.out())
        .isEqualTo(onePage.out())
        .isEqualTo(
            "cost_center,billed_cost_usd\r\n"
                + "sales,3.500000\r\n"
                + "support,2.500000\r\n"
                + ",0.100000\r\n");
    assertThat(paged.err()).contains("(page 2)", "(page 3)");
  }

  @Test
  void aPeriodWithoutSpendSaysSoAndStillShowsTheBudgets() {
    Run run = run(args(common, "--from", "2026-10-01", "--to", "2026-10-31", "-q"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("CostSentry report, 2026-10-01 to 2026-10-31")
        .contains("No spend in this period.")
        .contains("sales        daily-cost (31 x Day)        31.0000     0.0000    0.00");
  }

  @Test
  void tableSetsLedgerAndBillSideBySideWithDriftBudgetsAndNotes() {
    Run run = run(args(common, "--source", "both"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(TABLE_BOTH);
    assertThat(run.err())
        .contains("costsentry: reading ledger usage of 2 cost center(s), 2026-11-01 to 2026-11-03")
        .contains("asking Cost Explorer for billed Bedrock spend");
  }

  @Test
  void csvOfTheLedgerGroupedByCostCenterAndModelHasOneRowPerPairAndExactFigures() {
    Run run = run(args(common, "--group-by", "cost-center,model", "--format", "csv", "--quiet"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(CSV_BY_MODEL);
  }

  @Test
  void aCostCenterFilterKeepsOnlyThatCostCenterOnBothSides() {
    Run run =
        run(args(common, "--source", "both", "--cost-center", "support", "--format", "csv", "-q"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "cost_center,requests,input_tokens,output_tokens,ledger_cost_usd,billed_cost_usd,"
                + "drift_usd,drift_percent\r\n"
                + "support,4,5050,900,2.750000,2.500000,0.250000,10.00\r\n");
  }

  @Test
  void jsonFollowsTheDocumentedSchema() throws Exception {
    Run run = run(args(common, "--source", "both", "--format", "json", "-q"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("schema").asText()).isEqualTo("costsentry.io/report/v1");
    assertThat(json.get("period").get("from").asText()).isEqualTo("2026-11-01");
    assertThat(json.get("source").asText()).isEqualTo("both");
    JsonNode sales = json.get("rows").get(0);
    assertThat(sales.get("costCenter").asText()).isEqualTo("sales");
    assertThat(sales.get("ledger").get("costUSD").decimalValue()).isEqualByComparingTo("4");
    assertThat(sales.get("ledger").get("requests").asLong()).isEqualTo(2);
    assertThat(sales.get("ledger").get("inputTokens").asLong()).isEqualTo(3200);
    assertThat(sales.get("billed").get("costUSD").decimalValue()).isEqualByComparingTo("3.5");
    assertThat(sales.get("drift").get("costUSD").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(sales.get("drift").get("percent").decimalValue()).isEqualByComparingTo("14.29");
    assertThat(json.get("total").get("billed").get("costUSD").decimalValue())
        .isEqualByComparingTo("6.1");
    JsonNode support = json.get("costCenters").get(2);
    assertThat(support.get("costCenter").asText()).isEqualTo("support");
    assertThat(support.get("budget").get("limit").asText()).isEqualTo("monthly-cost");
    assertThat(support.get("budget").get("amountUSD").decimalValue()).isEqualByComparingTo("10");
    assertThat(support.get("budget").get("percentUsed").decimalValue())
        .isEqualByComparingTo("27.5");
    assertThat(json.get("daily")).hasSize(9); // 3 days x (sales, support, untagged)
    assertThat(json.get("daily").get(2).get("day").asText()).isEqualTo("2026-11-01");
    assertThat(json.get("daily").get(2).get("costCenter").asText()).isEqualTo("support");
    assertThat(json.get("daily").get(2).get("ledgerCostUSD").decimalValue())
        .isEqualByComparingTo("2");
    assertThat(json.get("daily").get(2).get("billedCostUSD").decimalValue())
        .isEqualByComparingTo("1.9");
    assertThat(json.get("notes")).hasSize(3);
  }

  @Test
  void htmlIsOnePageWithBothChartsAndNothingFetched(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("report.html");

    Run run =
        run(args(common, "--source", "both", "--format", "html", "--output", page.toString()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("wrote html report to " + page);
    String html = Files.readString(page);
    assertThat(html)
        .contains("id=\"spend-chart\"", "id=\"budget-chart\"", "<style>")
        .contains("133.33% of $3.00 (daily-cost, 3 x Day)")
        .doesNotContain("<script", "<link", "src=", "href=", "@import", "url(");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
  }

  @Test
  void chromiumDrawsTheSpendAndBudgetChartsInTheSeriesColours(@TempDir Path dir) throws Exception {
    Chromium.assumeInstalled();
    Path page = dir.resolve("report.html");
    Run run = run(args(common, "--source", "both", "--format", "html", "-o", page.toString()));
    assertThat(run.exitCode()).as(run.err()).isZero();

    BufferedImage shot = Chromium.screenshot(page, 1000, 900);

    // cost centers in report order: (untagged) blue, sales orange, support green
    String untagged = SvgCharts.PALETTE.get(0);
    String sales = SvgCharts.PALETTE.get(1);
    String support = SvgCharts.PALETTE.get(2);
    int x = HtmlRenderer.CHART_LEFT;
    int spendTop = HtmlRenderer.SPEND_TOP;
    int budgetTop = HtmlRenderer.budgetTop();
    for (String colour : List.of(untagged, sales, support)) {
      assertThat(
              Chromium.count(
                  shot, colour, x, spendTop, SvgCharts.SPEND_WIDTH, SvgCharts.SPEND_HEIGHT, 24))
          .as("pixels of series colour %s in the spend chart", colour)
          .isGreaterThan(100);
    }
    int budgetHeight = 180;
    int salesBar =
        Chromium.count(shot, sales, x, budgetTop, SvgCharts.BUDGET_WIDTH, budgetHeight, 24);
    int supportBar =
        Chromium.count(shot, support, x, budgetTop, SvgCharts.BUDGET_WIDTH, budgetHeight, 24);
    assertThat(salesBar).as("sales bar (133%%)").isGreaterThan(5_000);
    assertThat(supportBar).as("support bar (27.5%%)").isBetween(1_000, salesBar / 3);
    assertThat(
            Chromium.count(shot, untagged, x, budgetTop, SvgCharts.BUDGET_WIDTH, budgetHeight, 24))
        .as("no bar for untagged spend, which has no budget")
        .isLessThan(50);
  }

  @Test
  void accessDeniedByCostExplorerIsOneLineNamingTheMissingAction() {
    ce.faults()
        .failAlways(
            "GetCostAndUsage",
            new AwsJsonError(
                400,
                "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/report is not authorized to perform:"
                    + " ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:123456789012:/GetCostAndUsage"));

    Run run = run(args(common, "--source", "billed", "--quiet"));

    assertThat(run.exitCode()).isEqualTo(ReportErrors.NOT_AUTHORIZED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(
            "costsentry report: Cost Explorer refused the credentials (AccessDeniedException)")
        .contains("need the IAM action ce:GetCostAndUsage");
  }

  @Test
  void aMissingLedgerTableIsNamedWithoutAStackTrace() {
    Run run = run(args(common, "--dynamodb-table", "no-such-table", "-q"));

    assertThat(run.exitCode()).isEqualTo(ReportErrors.FAILED);
    assertThat(run.err().strip())
        .isEqualTo(
            "costsentry report: the ledger table 'no-such-table' does not exist in us-east-1"
                + " (set --dynamodb-table, --region or --dynamodb-endpoint)");
  }

  @Test
  void billedSpendByModelIsRefusedAsBadUsage() {
    Run run = run(args(common, "--source", "billed", "--group-by", "model"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--source billed groups by cost center only");
  }

  @Test
  void aMalformedDateIsRefusedAsBadUsage() {
    Run run = run("report", "--from", "2026-13-01");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'2026-13-01' is not a date: use YYYY-MM-DD");
  }

  static final String TABLE_BOTH =
      """
      CostSentry report, 2026-11-01 to 2026-11-03 (UTC days), source: both, grouped by cost-center
      Generated 2026-11-04T09:30:00Z

      Cost center  Requests  Input tokens  Output tokens  Ledger USD  Billed USD  Drift USD  Drift %
      -----------  --------  ------------  -------------  ----------  ----------  ---------  -------
      sales               2         3,200          1,600      4.0000      3.5000     0.5000   +14.29
      support             4         5,050            900      2.7500      2.5000     0.2500   +10.00
      (untagged)          0             0              0      0.0000      0.1000    -0.1000  -100.00
      -----------  --------  ------------  -------------  ----------  ----------  ---------  -------
      TOTAL               6         8,250          2,500      6.7500      6.1000     0.6500   +10.66

      Budgets (spend as a share of each cost center's cost limit over the period)
      Cost center  Limit                     Budget USD  Spent USD  Used %
      -----------  ------------------------  ----------  ---------  ------
      (untagged)   no cost limit                            0.0000
      sales        daily-cost (3 x Day)          3.0000     4.0000  133.33
      support      monthly-cost (1 x Month)     10.0000     2.7500   27.50

      Notes
      - Cost Explorer lags the ledger by up to a day: spend of yesterday may not be billed yet, so the ledger runs ahead of the bill.
      - Cost Explorer still marks 3 day(s) as estimated (2026-11-01 to 2026-11-03): their billed figures may change.
      - Billed spend includes the services: Amazon Bedrock, Claude 3.5 Haiku (Amazon Bedrock Edition).
      """;

  static final String CSV_BY_MODEL =
      "cost_center,model,requests,input_tokens,output_tokens,ledger_cost_usd\r\n"
          + "sales,claude-3-5-haiku,2,3200,1600,4.000000\r\n"
          + "support,claude-3-5-haiku,3,2050,400,2.500000\r\n"
          + "support,nova-lite,1,3000,500,0.250000\r\n";
}

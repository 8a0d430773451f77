package io.costsentry.operator.report;

import io.costsentry.core.budget.LedgerWriter;
import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.core.usage.DailyUsageRollup;
import io.costsentry.core.usage.DynamoDbUsageStore;
import io.costsentry.core.usage.UsageDimensions;
import io.costsentry.operator.cli.CostSentryCli;
import io.costsentry.simulator.costexplorer.BilledLineItem;
import io.costsentry.simulator.costexplorer.CostExplorerSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A known ledger and bill for report tests, written through the real code: the sidecar's usage
 * rollup and the operator's policy store into dynalite, billed lines into the Cost Explorer
 * simulator.
 *
 * <p>Ledger, 2026-11-01 to 2026-11-03: support spends $2.75 (chat/prod on claude-3-5-haiku $2.50 in
 * 3 requests, nova-lite $0.25), sales $4.00 (web/staging on claude-3-5-haiku). Bill: support $2.50
 * (Amazon Bedrock and the Marketplace Claude service), sales $3.50, untagged $0.10, and an EC2 line
 * tagged support that is not Bedrock. Budgets: support $10 a Month, sales $1 a Day.
 */
final class ReportFixture {
  static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
  static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
  static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-04T09:30:00Z"), ZoneOffset.UTC);
  static final String MARKETPLACE = "Claude 3.5 Haiku (Amazon Bedrock Edition)";

  private ReportFixture() {}

  static void seedLedger(DynamoDbClient client, String table) throws InterruptedException {
    new DynamoDbLedger(client, table).ensureTable();
    LedgerWriter writer = new LedgerWriter();
    DailyUsageRollup sidecarA =
        new DailyUsageRollup(new DynamoDbUsageStore(client, table), writer, "sidecar-a");
    DailyUsageRollup sidecarB =
        new DailyUsageRollup(new DynamoDbUsageStore(client, table), writer, "sidecar-b");
    UsageDimensions haiku = new UsageDimensions("support", "chat", "prod", "claude-3-5-haiku");
    UsageDimensions nova = new UsageDimensions("support", "chat", "prod", "nova-lite");
    UsageDimensions sales = new UsageDimensions("sales", "web", "staging", "claude-3-5-haiku");
    sidecarA.record(at(NOV_1, 9), haiku, new TokenUsage(1000, 200, 0, 0), 1_250_000);
    sidecarB.record(at(NOV_1, 17), haiku, new TokenUsage(600, 100, 50, 0), 750_000);
    sidecarA.record(at(NOV_2, 8), haiku, new TokenUsage(400, 100, 0, 0), 500_000);
    sidecarA.record(at(NOV_2, 12), nova, new TokenUsage(3000, 500, 0, 0), 250_000);
    sidecarB.record(at(NOV_1, 10), sales, new TokenUsage(800, 400, 0, 0), 1_000_000);
    sidecarB.record(at(NOV_3, 23), sales, new TokenUsage(2400, 1200, 0, 0), 3_000_000);
    if (!writer.drain(Duration.ofSeconds(30))) {
      throw new IllegalStateException("rollup writes did not finish");
    }

    DynamoDbPolicyStore policies = new DynamoDbPolicyStore(client, table);
    policies.putBudget("support", budget("support", "monthly-cost", "Month", "10"));
    policies.putBudget("sales", budget("sales", "daily-cost", "Day", "1"));
  }

  static String budget(String costCenter, String limit, String period, String usd) {
    return """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget",\
        "metadata":{"name":"%s"},"spec":{"costCenter":"%s",\
        "limits":[{"name":"%s","period":"%s","maxCostUSD":%s}]}}"""
        .formatted(costCenter, costCenter, limit, period, usd);
  }

  static void seedBill(CostExplorerSimulator ce) {
    Map<String, String> support = Map.of("costCenter", "support");
    Map<String, String> sales = Map.of("costCenter", "sales");
    ce.addLines(
        List.of(
            BilledLineItem.of(NOV_1, "Amazon Bedrock", "1.2", support),
            BilledLineItem.of(NOV_1, MARKETPLACE, "0.7", support),
            BilledLineItem.of(NOV_2, MARKETPLACE, "0.6", support),
            BilledLineItem.of(NOV_1, "Amazon Bedrock", "1.0", sales),
            BilledLineItem.of(NOV_3, "Amazon Bedrock", "2.5", sales),
            BilledLineItem.of(NOV_2, "Amazon Bedrock", "0.1", Map.of()),
            BilledLineItem.of(NOV_2, "Amazon Elastic Compute Cloud - Compute", "5.0", support)));
    ce.activateTags("costCenter");
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  /** What one run of the command printed and returned. */
  record Run(int exitCode, String out, String err) {}

  /** Runs {@code costsentry <args>} in this JVM, as the launcher does, with test credentials. */
  static Run run(String... args) {
    ReportCommand report =
        new ReportCommand(
            () ->
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDREPORT", "secret")),
            CLOCK);
    CommandLine cli = CostSentryCli.commandLine(List.of(report));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String[] args(List<String> common, String... more) {
    List<String> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}

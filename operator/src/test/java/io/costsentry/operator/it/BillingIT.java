package io.costsentry.operator.it;

import static io.costsentry.operator.it.Manifests.budget;
import static io.costsentry.operator.it.Manifests.limit;
import static io.costsentry.operator.it.Statuses.TIMEOUT;
import static io.costsentry.operator.it.Statuses.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.costsentry.crds.v1alpha1.AwsBudgetSpec;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.billing.BillingPeriod;
import io.costsentry.simulator.budgets.StoredBudget;
import io.costsentry.simulator.costexplorer.BilledLineItem;
import io.costsentry.simulator.costexplorer.CostExplorerSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's trailing indicators against the Cost Explorer, Budgets and CloudWatch simulators
 * through the real SDK clients: tags activated once, the billed cost (Marketplace-named models
 * included) in status, BillingDrift set and cleared, the AWS budget kept with the budget's spec,
 * and the dashboard put once. Status refresh 1 s; the billing clock moves only when a test moves
 * it.
 */
class BillingIT {
  private static final String HAIKU_MARKETPLACE = "Claude 3.5 Haiku (Amazon Bedrock Edition)";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:finops";

  private static MockCluster cluster;
  private static KubernetesClient client;
  private static Statuses statuses;
  private static ItParts parts;
  private static BillingSimulators sims;
  private static Operator operator;
  private static BillingPeriod period;

  @BeforeAll
  static void start() {
    cluster = MockCluster.start();
    client = cluster.client();
    statuses = new Statuses(client);
    parts = ItParts.start();
    sims = new BillingSimulators();
    period = BillingPeriod.at(sims.clock.instant());
    LocalDate day = period.start();
    sims.costExplorer.addLines(
        List.of(
            BilledLineItem.of(
                day,
                "Amazon Bedrock",
                "1.50",
                Map.of("costCenter", "bi-support", "applicationId", "chat", "environment", "prod")),
            BilledLineItem.of(day, HAIKU_MARKETPLACE, "2.25", Map.of("costCenter", "bi-support")),
            BilledLineItem.of(
                day, "Amazon Simple Storage Service", "9", Map.of("costCenter", "bi-support")),
            BilledLineItem.of(day, "Amazon Bedrock", "0.40", Map.of())));
    operator = sims.startOperator(cluster, parts);
  }

  @AfterAll
  static void stop() {
    sims.stop(operator, cluster, parts);
  }

  @Test
  void activatesTheTagsOnceBillsMarketplaceModelsAndSetsAndClearsBillingDrift() {
    BillingSimulators.spend(parts.ledger(), "bi-support", "daily-cost", period.start(), 3_750_000);
    client.resource(budget("bi-support", "daily-cost", "25", List.of(), Map.of())).create();

    CostCenterBudget synced =
        statuses.awaitBudget(
            "bi-support",
            b ->
                Boolean.TRUE.equals(b.getStatus().getCostAllocationTagsActive())
                    && b.getStatus().getBilledCost() != null
                    && condition(b.getStatus().getConditions(), "BillingDrift") != null);
    assertThat(synced.getStatus().getBilledCost().getAmountUSD())
        .as("Amazon Bedrock 1.50 + the Marketplace-billed Haiku 2.25; S3 and untagged left out")
        .isEqualByComparingTo("3.75");
    assertThat(synced.getStatus().getBilledCost().getLedgerAmountUSD())
        .isEqualByComparingTo("3.75");
    assertThat(synced.getStatus().getBilledCost().getStart()).isEqualTo(period.start().toString());
    assertThat(synced.getStatus().getBilledCost().getEnd()).isEqualTo(period.end().toString());
    assertThat(drift(synced).getStatus()).isEqualTo("False");
    assertThat(drift(synced).getReason()).isEqualTo("WithinTolerance");
    assertThat(List.of("costCenter", "applicationId", "environment"))
        .allMatch(sims.costExplorer::isTagActive);

    // A day's Bedrock spend that bypassed CostSentry shows up in the next bill.
    sims.costExplorer.addLines(
        List.of(
            BilledLineItem.of(
                period.start(), "Amazon Bedrock", "10", Map.of("costCenter", "bi-support"))));
    sims.clock.advance(BillingSimulators.REFRESH.plusMinutes(1));
    CostCenterBudget drifted =
        statuses.awaitBudget("bi-support", b -> "True".equals(statusOf(b, "BillingDrift")));
    assertThat(drift(drifted).getReason()).isEqualTo("BillAboveLedger");
    assertThat(drift(drifted).getMessage()).contains("billed 13.75 USD", "ledger 3.75 USD");

    // The ledger catches up (e.g. replayed settlements): drift clears at the next refresh.
    BillingSimulators.spend(parts.ledger(), "bi-support", "daily-cost", period.start(), 10_000_000);
    sims.clock.advance(BillingSimulators.REFRESH.plusMinutes(1));
    statuses.awaitBudget(
        "bi-support",
        b ->
            "False".equals(statusOf(b, "BillingDrift"))
                && b.getStatus().getBilledCost().getAmountUSD().compareTo(new BigDecimal("13.75"))
                    == 0);

    // Three refreshes for every budget: three paid GetCostAndUsage calls, one tag activation.
    assertThat(sims.costExplorer.callCount(CostExplorerSimulator.GET_COST_AND_USAGE)).isEqualTo(3);
    assertThat(
            sims.costExplorer.callCount(CostExplorerSimulator.UPDATE_COST_ALLOCATION_TAGS_STATUS))
        .isEqualTo(1);
    assertThat(sims.costExplorer.callCount(CostExplorerSimulator.LIST_COST_ALLOCATION_TAGS))
        .isEqualTo(3);
    assertThat(sims.cloudWatch.dashboards()).containsKey("CostSentry");
    assertThat(sims.cloudWatch.putDashboardCalls()).isEqualTo(3);
  }

  @Test
  void keepsTheAwsBudgetWithTheSpecAndDeletesItWithTheBudget() {
    CostCenterBudget budget = budget("bi-search", "daily-cost", "25", List.of(), Map.of());
    budget.getSpec().getLimits().add(limit("monthly-cost", "Month", "100"));
    budget.getSpec().setAlertThresholds(List.of(50, 80));
    AwsBudgetSpec aws = new AwsBudgetSpec();
    aws.setNotificationEmails(List.of("finops@example.com"));
    aws.setSnsTopicArn(TOPIC);
    budget.getSpec().setAwsBudget(aws);
    client.resource(budget).create();

    statuses.awaitBudget(
        "bi-search", b -> "costsentry-bi-search".equals(b.getStatus().getAwsBudgetName()));
    StoredBudget created = sims.budgets.budget("costsentry-bi-search").orElseThrow();
    assertThat(created.budget().path("BudgetType").asText()).isEqualTo("COST");
    assertThat(created.budget().path("TimeUnit").asText()).isEqualTo("MONTHLY");
    assertThat(new BigDecimal(created.budget().path("BudgetLimit").path("Amount").asText()))
        .isEqualByComparingTo("100");
    assertThat(created.budget().path("CostFilters").path("TagKeyValue").get(0).asText())
        .isEqualTo("user:costCenter$bi-search");
    assertThat(created.notifications())
        .extracting(n -> n.notification().path("Threshold").asDouble())
        .containsExactly(50.0, 80.0);
    assertThat(created.notifications().getFirst().subscribers())
        .extracting(s -> s.path("SubscriptionType").asText() + ":" + s.path("Address").asText())
        .containsExactlyInAnyOrder("SNS:" + TOPIC, "EMAIL:finops@example.com");

    CostCenterBudget edited = statuses.budget("bi-search");
    edited.getSpec().getAwsBudget().setMonthlyLimitUSD(new BigDecimal("250"));
    edited.getSpec().setAlertThresholds(List.of(90));
    client.resource(edited).update();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              StoredBudget updated = sims.budgets.budget("costsentry-bi-search").orElseThrow();
              JsonNode limit = updated.budget().path("BudgetLimit").path("Amount");
              assertThat(new BigDecimal(limit.asText())).isEqualByComparingTo("250");
              assertThat(updated.notifications())
                  .extracting(n -> n.notification().path("Threshold").asDouble())
                  .containsExactly(90.0);
            });
    assertThat(sims.budgets.callCount("CreateBudget")).isEqualTo(1);

    client.resource(statuses.budget("bi-search")).delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(statuses.budgetIfPresent("bi-search")).isEmpty();
              assertThat(sims.budgets.budget("costsentry-bi-search")).isEmpty();
            });
  }

  private static Condition drift(CostCenterBudget b) {
    return condition(b.getStatus().getConditions(), "BillingDrift");
  }

  private static String statusOf(CostCenterBudget b, String type) {
    Condition c = condition(b.getStatus().getConditions(), type);
    return c == null ? null : c.getStatus();
  }
}

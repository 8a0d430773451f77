package io.costsentry.operator.it;

import static io.costsentry.operator.it.Manifests.budget;
import static io.costsentry.operator.it.Statuses.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.billing.BillingPeriod;
import io.costsentry.simulator.awsjson.AwsJsonError;
import io.costsentry.simulator.awsjson.AwsJsonFaults;
import io.costsentry.simulator.costexplorer.BilledLineItem;
import io.costsentry.simulator.costexplorer.CostExplorerSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator role without Cost Explorer permissions: the budget is still enforced (Ready), the
 * denial is a Degraded condition naming the missing permission, and the paid call is not repeated
 * on every reconcile (status refresh 1 s) but after the retry interval.
 */
class BillingAccessDeniedIT {
  private static MockCluster cluster;
  private static KubernetesClient client;
  private static Statuses statuses;
  private static ItParts parts;
  private static BillingSimulators sims;
  private static Operator operator;

  @BeforeAll
  static void start() {
    cluster = MockCluster.start();
    client = cluster.client();
    statuses = new Statuses(client);
    parts = ItParts.start();
    sims = new BillingSimulators();
    sims.costExplorer.addLines(
        List.of(
            BilledLineItem.of(
                BillingPeriod.at(sims.clock.instant()).start(),
                "Amazon Bedrock",
                "2",
                Map.of("costCenter", "bd-team", "applicationId", "a", "environment", "e"))));
    sims.costExplorer
        .faults()
        .failAlways(
            AwsJsonFaults.ANY_OPERATION,
            new AwsJsonError(
                400,
                "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/costsentry-operator/x is not"
                    + " authorized to perform: ce:GetCostAndUsage"));
    operator = sims.startOperator(cluster, parts);
  }

  @AfterAll
  static void stop() {
    sims.stop(operator, cluster, parts);
  }

  @Test
  void accessDeniedIsAConditionAndTheCallWaitsForTheRetryInterval() {
    client.resource(budget("bd-team", "daily-cost", "25", List.of(), Map.of())).create();

    CostCenterBudget degraded =
        statuses.awaitBudget(
            "bd-team",
            b -> {
              Condition c = condition(b.getStatus().getConditions(), "Degraded");
              return c != null && "True".equals(c.getStatus());
            });
    Condition c = condition(degraded.getStatus().getConditions(), "Degraded");
    assertThat(c.getReason()).isEqualTo("CostExplorerAccessDenied");
    assertThat(c.getMessage()).contains("ce:GetCostAndUsage");
    assertThat(Statuses.isTrue(degraded, "Ready")).isTrue();
    assertThat(condition(degraded.getStatus().getConditions(), "BillingDrift").getReason())
        .isEqualTo("BillNotRead");
    assertThat(degraded.getStatus().getBilledCost()).isNull();

    // Several reconciles later: still one paid call.
    await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
    assertThat(sims.costExplorer.callCount(CostExplorerSimulator.GET_COST_AND_USAGE)).isEqualTo(1);
    assertThat(sims.costExplorer.callCount(CostExplorerSimulator.LIST_COST_ALLOCATION_TAGS))
        .isEqualTo(1);

    // Permission granted; after the retry interval the bill is read.
    sims.costExplorer.faults().clear();
    sims.clock.advance(BillingSimulators.RETRY.plusMinutes(1));
    statuses.awaitBudget(
        "bd-team",
        b -> {
          Condition d = condition(b.getStatus().getConditions(), "Degraded");
          return b.getStatus().getBilledCost() != null
              && d != null
              && "False".equals(d.getStatus());
        });
    assertThat(sims.costExplorer.callCount(CostExplorerSimulator.GET_COST_AND_USAGE)).isEqualTo(2);
    assertThat(statuses.budget("bd-team").getStatus().getBilledCost().getAmountUSD())
        .isEqualByComparingTo("2");
  }
}

package io.costsentry.operator.it;

import static io.costsentry.operator.it.Manifests.HAIKU;
import static io.costsentry.operator.it.Manifests.alias;
import static io.costsentry.operator.it.Manifests.budget;
import static io.costsentry.operator.it.Statuses.TIMEOUT;
import static io.costsentry.operator.it.Statuses.condition;
import static io.costsentry.operator.it.Statuses.isFalse;
import static io.costsentry.operator.it.Statuses.isTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.config.PolicySnapshot;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.budget.CostCenterBudgetReconciler;
import io.costsentry.operator.budget.ProfileNames;
import io.costsentry.sidecar.config.ManifestPolicyLoader;
import io.costsentry.sidecar.config.StorePolicySource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A budget's life where it can go wrong: deletion blocked by AWS, and two budgets claiming one cost
 * center. The real operator on the mock API server, the Bedrock simulator and dynalite, with a 1 s
 * status refresh.
 */
class BudgetLifecycleIT {
  private static final String DELETE = "DeleteInferenceProfile";

  private static MockCluster cluster;
  private static KubernetesClient client;
  private static Statuses statuses;
  private static ItParts parts;
  private static Operator operator;

  @BeforeAll
  static void start() {
    cluster = MockCluster.start();
    client = cluster.client();
    statuses = new Statuses(client);
    parts = ItParts.start();
    OperatorConfig config =
        OperatorConfig.defaults()
            .withLeaderElection(false)
            .withStatusRefreshInterval(Duration.ofSeconds(1));
    operator = OperatorRuns.start(cluster, parts, parts.store(), config);
    client.resource(alias("lc-model", HAIKU)).create();
    statuses.awaitAliasReady("lc-model", "True");
  }

  @AfterAll
  static void stop() {
    OperatorRuns.stop(operator, cluster, parts);
  }

  @Test
  void aFailedCleanupKeepsTheFinalizerSaysWhyAndFinishesOnceAwsAllowsIt() {
    client.resource(budget("lc-stuck", "daily-cost", "25", List.of("lc-model"), Map.of())).create();
    statuses.awaitBudget("lc-stuck", b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    String profile = ProfileNames.of("lc-stuck", "lc-model");
    String arn = parts.profileArn(profile);

    parts.failEvery(
        DELETE,
        403,
        "AccessDeniedException",
        "User is not authorized to perform: bedrock:DeleteInferenceProfile");
    try {
      client.resource(statuses.budget("lc-stuck")).delete();

      CostCenterBudget blocked =
          statuses.awaitBudget("lc-stuck", b -> isFalse(b, "Ready", "CleanupFailed"));
      assertThat(blocked.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(blocked.getMetadata().getFinalizers())
          .contains(CostCenterBudgetReconciler.FINALIZER);
      Condition ready = condition(blocked.getStatus().getConditions(), "Ready");
      assertThat(ready.getMessage())
          .contains("lc-model", "deleting " + arn, "AccessDeniedException")
          .contains("bedrock:DeleteInferenceProfile");
      // The cleanup is retried, and keeps failing: the resource stays, and so does the profile.
      int deletes = parts.callCount(DELETE);
      await().atMost(TIMEOUT).until(() -> parts.callCount(DELETE) > deletes);
      assertThat(statuses.budgetIfPresent("lc-stuck")).isPresent();
      assertThat(parts.profileExists(profile)).isTrue();
    } finally {
      parts.lift(DELETE);
    }

    await().atMost(TIMEOUT).until(() -> statuses.budgetIfPresent("lc-stuck").isEmpty());
    assertThat(parts.profileExists(profile)).isFalse();
    PolicySnapshot after = parts.store().read();
    assertThat(after.budgets()).doesNotContainKey("lc-stuck");
    assertThat(after.routes().keySet()).noneMatch(r -> r.costCenter().equals("lc-stuck"));
  }

  @Test
  void theYoungerOfTwoBudgetsOfOneCostCenterWaitsAndTakesOverWhenTheOlderIsDeleted() {
    client.resource(budget("dup-older", "dup-cc", List.of("lc-model"))).create();
    statuses.awaitBudget("dup-older", b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    String profile = ProfileNames.of("dup-cc", "lc-model");
    String olderArn = parts.profileArn(profile);

    client.resource(budget("dup-younger", "dup-cc", List.of("lc-model"))).create();

    CostCenterBudget younger =
        statuses.awaitBudget("dup-younger", b -> isFalse(b, "Ready", "DuplicateCostCenter"));
    assertThat(condition(younger.getStatus().getConditions(), "Ready").getMessage())
        .contains("CostCenterBudget dup-older", "cost center dup-cc");
    assertThat(younger.getStatus().getInferenceProfiles()).isNull();
    // The older keeps working: its record, profile and route stay in force; the younger's record
    // never joins it (sidecars refuse two budgets of one cost center).
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              PolicySnapshot snapshot = parts.store().read();
              return isTrue(statuses.budget("dup-older"), "Ready")
                  && snapshot.budgets().containsKey("dup-older")
                  && !snapshot.budgets().containsKey("dup-younger")
                  && olderArn.equals(
                      snapshot.routes().get(new PolicySnapshot.Route("dup-cc", "lc-model")));
            });

    client.resource(statuses.budget("dup-older")).delete();

    statuses.awaitBudget("dup-younger", b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    assertThat(statuses.budgetIfPresent("dup-older")).isEmpty();
    PolicySnapshot snapshot = parts.store().read();
    assertThat(snapshot.budgets()).containsKey("dup-younger").doesNotContainKey("dup-older");
    assertThat(parts.profileExists(profile)).isTrue();
    assertThat(snapshot.routes().get(new PolicySnapshot.Route("dup-cc", "lc-model")))
        .isEqualTo(parts.profileArn(profile));
  }

  @Test
  void deletingTheYoungerBudgetLeavesTheOlderOnesProfileAndRouteAlone() {
    client.resource(budget("keep-older", "keep-cc", List.of("lc-model"))).create();
    statuses.awaitBudget("keep-older", b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    String profile = ProfileNames.of("keep-cc", "lc-model");
    String arn = parts.profileArn(profile);
    client.resource(budget("keep-younger", "keep-cc", List.of("lc-model"))).create();
    statuses.awaitBudget("keep-younger", b -> isFalse(b, "Ready", "DuplicateCostCenter"));

    client.resource(statuses.budget("keep-younger")).delete();
    await().atMost(TIMEOUT).until(() -> statuses.budgetIfPresent("keep-younger").isEmpty());

    // Same profile (not deleted and re-created), same route, through several refreshes.
    int deletes = parts.callCount(DELETE);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(
            () ->
                parts.profileExists(profile)
                    && arn.equals(parts.profileArn(profile))
                    && arn.equals(
                        parts
                            .store()
                            .read()
                            .routes()
                            .get(new PolicySnapshot.Route("keep-cc", "lc-model"))));
    assertThat(parts.callCount(DELETE)).isEqualTo(deletes);
    assertThat(isTrue(statuses.budget("keep-older"), "Ready")).isTrue();
    assertThat(parts.store().read().budgets()).containsKey("keep-older");
  }

  @Test
  void aBudgetWhoseCostCenterAnOlderBudgetTakesWithdrawsItsRecordSoSidecarsAcceptTheRecords() {
    client.resource(budget("wd-a", "wd-a-cc", List.of())).create();
    client.resource(budget("wd-b", "wd-shared", List.of())).create();
    statuses.awaitBudget("wd-a", b -> isTrue(b, "Ready"));
    statuses.awaitBudget("wd-b", b -> isTrue(b, "Ready"));
    assertThat(parts.store().read().budgets()).containsKeys("wd-a", "wd-b");

    CostCenterBudget a = statuses.budget("wd-a");
    a.getSpec().setCostCenter("wd-shared");
    client.resource(a).update();

    statuses.awaitBudget("wd-b", b -> isFalse(b, "Ready", "DuplicateCostCenter"));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              PolicySnapshot snapshot = parts.store().read();
              assertThat(snapshot.budgets()).containsKey("wd-a").doesNotContainKey("wd-b");
              // A sidecar starting now (no last good snapshot to fall back on) accepts them.
              StorePolicySource sidecar =
                  new StorePolicySource(parts.store(), "wd-shared", new ManifestPolicyLoader());
              assertThat(sidecar.refresh()).isTrue();
              assertThat(sidecar.get().policies().budgets()).containsKey("wd-shared");
            });
  }
}

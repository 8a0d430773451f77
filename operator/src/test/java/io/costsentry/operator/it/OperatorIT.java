package io.costsentry.operator.it;

import static io.costsentry.operator.it.Manifests.HAIKU;
import static io.costsentry.operator.it.Manifests.NOVA;
import static io.costsentry.operator.it.Manifests.alias;
import static io.costsentry.operator.it.Manifests.budget;
import static io.costsentry.operator.it.Manifests.limit;
import static io.costsentry.operator.it.Statuses.TIMEOUT;
import static io.costsentry.operator.it.Statuses.condition;
import static io.costsentry.operator.it.Statuses.isTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.config.PolicySnapshot;
import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.Hold;
import io.costsentry.core.policy.Period;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.budget.ProfileNames;
import io.costsentry.operator.budget.UsageReader;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real JOSDK operator against the Fabric8 mock API server (CRUD mode), the Bedrock control
 * plane simulator through the real adapter, and dynalite behind the DynamoDB ledger and policy
 * store. Each test uses its own resource names; statuses are read with fresh GETs. At the end,
 * every API request the operator made must be one {@code docs/operator-rbac.yaml} allows.
 */
class OperatorIT {
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
        new OperatorConfig(
                null,
                null,
                null,
                "ledger",
                false,
                Duration.ofSeconds(1),
                false,
                null,
                null,
                -1,
                "default")
            // Tag drift is repaired at the drift-repair interval: short here, to see it happen.
            .withDriftRepairInterval(Duration.ofSeconds(1));
    operator = OperatorRuns.start(cluster, parts, parts.store(), config);
  }

  @AfterAll
  static void stop() {
    OperatorRuns.stop(operator, cluster, parts);
  }

  @Test
  void aModelAliasBecomesReadyAndIsPublishedForTheSidecars() {
    create(alias("it-haiku", HAIKU));

    ModelAlias ready = awaitAliasReady("it-haiku", "True");
    assertThat(ready.getStatus().getModelArn()).contains("claude-3-5-haiku");
    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(Serialization.asJson(ready.getStatus().getPricingSource())).isEqualTo("\"BuiltIn\"");
    assertThat(parts.store().read().aliases()).containsKey("it-haiku");
    assertThat(parts.store().read().aliases().get("it-haiku")).contains("\"modelId\":\"" + HAIKU);
  }

  @Test
  void anUnknownModelIsNotReadyWithoutAHotRetryLoop() {
    create(alias("it-ghost", "anthropic.claude-ghost-v9:0"));

    ModelAlias notReady = awaitAliasReady("it-ghost", "False");
    assertThat(condition(notReady.getStatus().getConditions(), "Ready").getReason())
        .isEqualTo("ModelNotFound");
    int calls = parts.resolveCalls();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> parts.resolveCalls() <= calls + 1);
    assertThat(parts.store().read().aliases()).doesNotContainKey("it-ghost");
  }

  @Test
  void aBudgetGetsTaggedProfilesRoutesAndItsRecordAndFollowsSpecChanges() {
    create(alias("it-a", HAIKU));
    create(alias("it-b", NOVA));
    awaitAliasReady("it-a", "True");
    awaitAliasReady("it-b", "True");
    CostCenterBudget budget =
        budget("it-team", "daily-cost", "25", List.of("it-a", "it-b"), Map.of());
    create(budget);

    CostCenterBudget ready =
        awaitBudget("it-team", b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    assertThat(ready.getStatus().getCostCenter()).isEqualTo("it-team");
    assertThat(ready.getStatus().getInferenceProfiles()).hasSize(2);
    for (String alias : List.of("it-a", "it-b")) {
      String name = ProfileNames.of("it-team", alias);
      assertThat(parts.profileTags(name))
          .containsEntry("costCenter", "it-team")
          .containsEntry("applicationId", "shared")
          .containsEntry("environment", "shared")
          .containsEntry("managed-by", "costsentry");
    }
    PolicySnapshot snapshot = parts.store().read();
    assertThat(snapshot.budgets()).containsKey("it-team");
    assertThat(snapshot.routes())
        .containsKeys(
            new PolicySnapshot.Route("it-team", "it-a"),
            new PolicySnapshot.Route("it-team", "it-b"));

    // Spec change: one more limit and an extra tag.
    CostCenterBudget changed = get("it-team");
    changed.getSpec().getLimits().add(limit("monthly-cost", "Month", "500"));
    changed.getSpec().getInferenceProfiles().setTags(Map.of("team", "care"));
    client.resource(changed).update();

    awaitBudget(
        "it-team", b -> b.getStatus().getLimits() != null && b.getStatus().getLimits().size() == 2);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(parts.store().read().budgets().get("it-team")).contains("monthly-cost");
              assertThat(parts.profileTags(ProfileNames.of("it-team", "it-a")))
                  .containsEntry("team", "care");
            });

    // Tag drift on AWS is repaired once the drift-repair interval (1 s here) has passed.
    String arn = parts.profileArn(ProfileNames.of("it-team", "it-b"));
    parts.setTags(arn, Map.of("costCenter", "someone-else"));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(parts.profileTags(ProfileNames.of("it-team", "it-b")))
                    .containsEntry("costCenter", "it-team")
                    .containsEntry("managed-by", "costsentry"));

    // Delete: profiles, routes and record go, then the finalizer, then the resource.
    client.resource(get("it-team")).delete();
    await().atMost(TIMEOUT).until(() -> statuses.budgetIfPresent("it-team").isEmpty());
    assertThat(parts.profileExists(ProfileNames.of("it-team", "it-a"))).isFalse();
    assertThat(parts.profileExists(ProfileNames.of("it-team", "it-b"))).isFalse();
    PolicySnapshot after = parts.store().read();
    assertThat(after.budgets()).doesNotContainKey("it-team");
    assertThat(after.routes().keySet()).noneMatch(r -> r.costCenter().equals("it-team"));
  }

  @Test
  void bedrockThrottlingIsRetriedUntilTheBudgetIsReady() {
    create(alias("it-c", HAIKU));
    awaitAliasReady("it-c", "True");
    parts.throttleNext(7);
    create(budget("it-throttled", "daily-cost", "25", List.of("it-c"), Map.of()));

    awaitBudget("it-throttled", b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    assertThat(parts.profileExists(ProfileNames.of("it-throttled", "it-c"))).isTrue();
  }

  @Test
  void statusShowsLedgerUsageAndAnEventAnnouncesThe80PercentThreshold() {
    create(budget("it-usage", "daily-cost", "10", List.of(), Map.of()));
    awaitBudget("it-usage", b -> isTrue(b, "Ready"));

    Instant now = Instant.now();
    CounterKey key =
        new CounterKey(
            UsageReader.counterId("it-usage", "daily-cost"),
            Period.DAY.windowAt(now, ZoneOffset.UTC));
    Hold hold = new Hold("it-usage-1", 9_000_000, now.plusSeconds(600));
    assertThat(parts.ledger().reserve(key, hold, 10_000_000)).isTrue();
    parts.ledger().settle(key, hold, 8_500_000);

    CostCenterBudget refreshed =
        awaitBudget(
            "it-usage",
            b ->
                b.getStatus().getLimits() != null
                    && b.getStatus().getLimits().get(0).getPercent() == 85);
    LimitStatus daily = refreshed.getStatus().getLimits().get(0);
    assertThat(daily.getUsed()).isEqualByComparingTo("8.5");
    assertThat(daily.getLimit()).isEqualByComparingTo("10");
    assertThat(daily.getWindowStart()).isEqualTo(key.window().start().toString());
    assertThat(refreshed.getStatus().getMostUsedPercent()).isEqualTo(85);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              List<Event> events =
                  client.v1().events().inNamespace("default").list().getItems().stream()
                      .filter(e -> "it-usage".equals(e.getInvolvedObject().getName()))
                      .toList();
              assertThat(events)
                  .extracting(Event::getReason, Event::getMessage)
                  .anySatisfy(
                      t -> {
                        assertThat(t.toList().get(0)).isEqualTo("ThresholdCrossed");
                        assertThat((String) t.toList().get(1)).contains("threshold 80%");
                      });
            });
  }

  private static void create(HasMetadata resource) {
    client.resource(resource).create();
  }

  private static CostCenterBudget get(String name) {
    return statuses.budget(name);
  }

  private static ModelAlias awaitAliasReady(String name, String status) {
    return statuses.awaitAliasReady(name, status);
  }

  private static CostCenterBudget awaitBudget(
      String name, java.util.function.Predicate<CostCenterBudget> done) {
    return statuses.awaitBudget(name, done);
  }
}

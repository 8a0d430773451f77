package io.costsentry.operator.it;

import static io.costsentry.operator.it.Manifests.HAIKU;
import static io.costsentry.operator.it.Manifests.NOVA;
import static io.costsentry.operator.it.Manifests.alias;
import static io.costsentry.operator.it.Manifests.budget;
import static io.costsentry.operator.it.Statuses.TIMEOUT;
import static io.costsentry.operator.it.Statuses.isTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.Hold;
import io.costsentry.core.policy.Period;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.budget.ProfileNames;
import io.costsentry.operator.budget.UsageReader;
import io.fabric8.kubernetes.client.KubernetesClient;
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
 * What the scheduled status refresh costs once a budget is synced: ledger reads only, no Bedrock
 * call and no record write until something changes or the drift-repair interval (default, 10 min)
 * passes; a spec change is synced at once, through the profiles' known ARNs, without listing every
 * profile of the account. Status refresh: 1 s.
 */
class StatusRefreshIT {
  private static final List<String> BEDROCK_OPERATIONS =
      List.of(
          "ListInferenceProfiles",
          "GetInferenceProfile",
          "ListTagsForResource",
          "TagResource",
          "CreateInferenceProfile");

  private static MockCluster cluster;
  private static KubernetesClient client;
  private static Statuses statuses;
  private static ItParts parts;
  private static CountingPolicyStore store;
  private static Operator operator;

  @BeforeAll
  static void start() {
    cluster = MockCluster.start();
    client = cluster.client();
    statuses = new Statuses(client);
    parts = ItParts.start();
    store = new CountingPolicyStore(parts.store());
    OperatorConfig config =
        OperatorConfig.defaults()
            .withLeaderElection(false)
            .withStatusRefreshInterval(Duration.ofSeconds(1));
    operator = OperatorRuns.start(cluster, parts, store, config);
  }

  @AfterAll
  static void stop() {
    OperatorRuns.stop(operator, cluster, parts);
  }

  @Test
  void refreshesReadUsageOnlyAndASpecChangeUsesTheKnownArnsInsteadOfListing() {
    client.resource(alias("sr-a", HAIKU)).create();
    client.resource(alias("sr-b", NOVA)).create();
    statuses.awaitAliasReady("sr-a", "True");
    statuses.awaitAliasReady("sr-b", "True");
    client
        .resource(budget("sr-team", "daily-cost", "10", List.of("sr-a", "sr-b"), Map.of()))
        .create();
    statuses.awaitBudget(
        "sr-team",
        b ->
            isTrue(b, "ProfilesReady")
                && b.getStatus().getInferenceProfiles() != null
                && b.getStatus().getInferenceProfiles().size() == 2);
    assertThat(parts.callCount("ListInferenceProfiles"))
        .as("new profiles are created, not searched for among all profiles first")
        .isZero();
    // Let the reconciles the status patches themselves trigger settle.
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    Map<String, Integer> bedrock = bedrockCalls();
    int writes = store.writes();

    // Usage moves; several refreshes show it, with ledger reads only.
    spend("sr-team", 6_000_000);
    statuses.awaitBudget(
        "sr-team",
        b ->
            b.getStatus().getLimits() != null
                && b.getStatus().getLimits().get(0).getPercent() == 60);
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    assertThat(bedrockCalls()).as("Bedrock calls during refreshes").isEqualTo(bedrock);
    assertThat(store.writes()).as("record writes during refreshes").isEqualTo(writes);

    // A spec change is synced at once: the profiles are checked by ARN, not searched for.
    CostCenterBudget edited = statuses.budget("sr-team");
    edited.getSpec().getInferenceProfiles().setTags(Map.of("team", "care"));
    client.resource(edited).update();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(parts.profileTags(ProfileNames.of("sr-team", "sr-a")))
                  .containsEntry("team", "care");
              assertThat(parts.profileTags(ProfileNames.of("sr-team", "sr-b")))
                  .containsEntry("team", "care");
            });
    assertThat(parts.callCount("ListInferenceProfiles"))
        .as("profiles with a known ARN are not searched for by name")
        .isEqualTo(bedrock.get("ListInferenceProfiles"));
    assertThat(parts.callCount("GetInferenceProfile"))
        .isGreaterThanOrEqualTo(bedrock.get("GetInferenceProfile") + 2);
  }

  private static Map<String, Integer> bedrockCalls() {
    return BEDROCK_OPERATIONS.stream()
        .collect(java.util.stream.Collectors.toMap(op -> op, parts::callCount));
  }

  private static void spend(String costCenter, long microUsd) {
    Instant now = Instant.now();
    CounterKey key =
        new CounterKey(
            UsageReader.counterId(costCenter, "daily-cost"),
            Period.DAY.windowAt(now, ZoneOffset.UTC));
    Hold hold = new Hold(costCenter + "-1", microUsd, now.plusSeconds(600));
    assertThat(parts.ledger().reserve(key, hold, 10_000_000)).isTrue();
    parts.ledger().settle(key, hold, microUsd);
  }
}

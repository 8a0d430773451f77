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

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.operator.budget.ProfileNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the operator treats AWS errors: a permanent one (access denied) sets a condition and is not
 * sent again on every status refresh; a transient one (5xx) is retried, with backoff, until it
 * stops. Bedrock throttling is covered by {@code OperatorIT}. Status refresh: 1 s.
 */
class AwsErrorsIT {
  private static final String CREATE = "CreateInferenceProfile";
  private static final String DENIED =
      "User: arn:aws:sts::123456789012:assumed-role/costsentry-operator/pod is not authorized to"
          + " perform: bedrock:CreateInferenceProfile";

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
    client.resource(alias("ae-model", HAIKU)).create();
    statuses.awaitAliasReady("ae-model", "True");
  }

  @AfterAll
  static void stop() {
    OperatorRuns.stop(operator, cluster, parts);
  }

  @Test
  void accessDeniedOnCreatingAProfileSetsAConditionAndIsNotRetriedOnEveryRefresh() {
    parts.failEvery(CREATE, 403, "AccessDeniedException", DENIED);
    try {
      client
          .resource(budget("ae-denied", "daily-cost", "25", List.of("ae-model"), Map.of()))
          .create();

      CostCenterBudget denied =
          statuses.awaitBudget("ae-denied", b -> isFalse(b, "ProfilesReady", "ProfileError"));
      assertThat(condition(denied.getStatus().getConditions(), "ProfilesReady").getMessage())
          .contains("ae-model", "AccessDeniedException (403)", "bedrock:CreateInferenceProfile");
      assertThat(isTrue(denied, "Ready")).as("the budget record is in force").isTrue();
      assertThat(isTrue(denied, "Degraded")).isTrue();

      // Five status refreshes later, Bedrock has not been asked again.
      int creates = parts.callCount(CREATE);
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(8))
          .until(() -> parts.callCount(CREATE) == creates);
      assertThat(statuses.budget("ae-denied").getStatus().getObservedGeneration())
          .isEqualTo(denied.getMetadata().getGeneration());
    } finally {
      parts.lift(CREATE);
    }

    // Fixing IAM is noticed on the next change of the budget (or after 10 minutes).
    CostCenterBudget edited = statuses.budget("ae-denied");
    edited.getSpec().getInferenceProfiles().setTags(Map.of("team", "care"));
    client.resource(edited).update();
    statuses.awaitBudget("ae-denied", b -> isTrue(b, "ProfilesReady"));
    assertThat(parts.profileExists(ProfileNames.of("ae-denied", "ae-model"))).isTrue();
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilBedrockRecovers() {
    parts.failEvery(CREATE, 500, "InternalServerException", "Internal server error");
    int before = parts.callCount(CREATE);
    try {
      client
          .resource(budget("ae-flaky", "daily-cost", "25", List.of("ae-model"), Map.of()))
          .create();

      // More calls than one reconcile's SDK attempts: the reconcile itself was retried...
      int twoReconciles = 2 * BedrockInferenceProfiles.MAX_ATTEMPTS;
      await().atMost(TIMEOUT).until(() -> parts.callCount(CREATE) - before >= twoReconciles);
      // ...with backoff (1 s, 2 s, 4 s between reconciles), not in a loop: in 3 s at most two
      // more reconciles of five attempts each.
      int seen = parts.callCount(CREATE);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(4))
          .until(() -> parts.callCount(CREATE) - seen <= twoReconciles);
      assertThat(parts.profileExists(ProfileNames.of("ae-flaky", "ae-model"))).isFalse();
    } finally {
      parts.lift(CREATE);
    }

    statuses.awaitBudget("ae-flaky", b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    assertThat(parts.profileExists(ProfileNames.of("ae-flaky", "ae-model"))).isTrue();
  }

  @Test
  void accessDeniedOnAModelIsAConditionWithoutAHotRetryLoop() {
    String getModel = "GetFoundationModel";
    parts.failEvery(getModel, 403, "AccessDeniedException", "not authorized: GetFoundationModel");
    try {
      client.resource(alias("ae-denied-model", "amazon.nova-lite-v1:0")).create();

      ModelAlias denied = statuses.awaitAliasReady("ae-denied-model", "False");
      assertThat(condition(denied.getStatus().getConditions(), "Ready").getReason())
          .isEqualTo(BedrockInferenceProfiles.ACCESS_DENIED);
      assertThat(condition(denied.getStatus().getConditions(), "Ready").getMessage())
          .contains("AccessDeniedException (403)");
      int calls = parts.callCount(getModel);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> parts.callCount(getModel) == calls);
      assertThat(parts.store().read().aliases()).doesNotContainKey("ae-denied-model");
    } finally {
      parts.lift(getModel);
    }
  }
}

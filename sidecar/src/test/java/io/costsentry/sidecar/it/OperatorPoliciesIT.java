package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * Without a policy file the sidecar enforces what the operator wrote to the ledger table, routes to
 * the cost center's inference profile, follows updates, and keeps the last good policies when a
 * record is invalid.
 */
class OperatorPoliciesIT {
  static final String PROFILE_ARN =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcdef123456";
  static final String TABLE = "operator-records";

  static String aliasJson() {
    return """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"ModelAlias",
         "metadata":{"name":"claude-3-5-haiku"},
         "spec":{"modelId":"%s","defaults":{"maxTokens":64}}}
        """
        .formatted(HAIKU_ID);
  }

  static String budgetJson(long maxTotalTokens) {
    return """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget",
         "metadata":{"name":"support"},
         "spec":{"costCenter":"support","enforcement":"Enforce","failurePolicy":"FailClosed",
                 "limits":[{"name":"tokens-per-minute","period":"Minute","maxTotalTokens":%d}]}}
        """
        .formatted(maxTotalTokens);
  }

  @Test
  void sidecarFollowsTheOperatorsRecordsAndKeepsTheLastGoodOnes() throws Exception {
    try (Dynalite dynalite = Dynalite.start();
        var client = DynaliteClients.of(dynalite);
        BedrockSimulator simulator = BedrockSimulator.start(SimulatorOptions.defaults())) {
      new DynamoDbLedger(client, TABLE).ensureTable();
      DynamoDbPolicyStore store = new DynamoDbPolicyStore(client, TABLE);
      store.putAlias("claude-3-5-haiku", aliasJson());
      store.putBudget("support", budgetJson(1_000_000));
      store.putRoute("support", "claude-3-5-haiku", PROFILE_ARN);
      store.putRoute("finance", "claude-3-5-haiku", PROFILE_ARN.replace("abcdef", "ffffff"));

      SidecarConfig config =
          ItSupport.config(
              null,
              simulator.endpoint(),
              "support",
              LedgerKind.DYNAMODB,
              dynalite.endpoint(),
              TABLE,
              SidecarConfig.DEFAULT_MAX_REQUEST_BYTES);
      ItSupport.Output output = new ItSupport.Output();
      try (Sidecar sidecar = Sidecar.start(config, ItSupport.env(output));
          BedrockRuntimeClient bedrock = ItSupport.syncClient(sidecar)) {
        assertThat(ItSupport.get(sidecar, sidecar.adminPort(), "/readyz").statusCode())
            .isEqualTo(200);

        bedrock.converse(ItSupport.converse("claude-3-5-haiku", "routed [[sim:output=3]]", 10));
        // the bill carries the cost center's tags: the call went to its inference profile
        assertThat(simulator.calls().getLast().modelId()).isEqualTo(PROFILE_ARN);
        await().until(() -> output.audit().getLast().contains("\"modelMetric\":\"abcdef123456\""));

        // a broken record is ignored: the last good policies stay in force
        store.putBudget("support", "{\"apiVersion\":\"costsentry.io/v1alpha1\",\"kind\":");
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () ->
                    bedrock.converse(
                        ItSupport.converse("claude-3-5-haiku", "still fine [[sim:output=1]]", 5)));

        // a valid update is followed within the refresh interval
        store.putBudget("support", budgetJson(50));
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThatThrownBy(
                            () ->
                                bedrock.converse(
                                    ItSupport.converse("claude-3-5-haiku", "too big", 64)))
                        .isInstanceOf(ThrottlingException.class));
      }
    }
  }
}

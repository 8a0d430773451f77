package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.pricing.PriceTable;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.core.usage.DailyUsage;
import io.costsentry.core.usage.DynamoDbUsageStore;
import io.costsentry.core.usage.UsageDimensions;
import io.costsentry.core.usage.UsageTotals;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/** Settled requests reach the daily usage rollup that `costsentry report` reads. */
class UsageRollupIT {
  static Dynalite dynalite;
  static BedrockSimulator simulator;

  @BeforeAll
  static void start() {
    dynalite = Dynalite.start();
    simulator = BedrockSimulator.start(SimulatorOptions.builder().build());
  }

  @AfterAll
  static void stop() {
    simulator.close();
    dynalite.close();
  }

  @Test
  void everySettledRequestIsAddedToItsDaysRowOnce() throws Exception {
    String table = "ledger-" + UUID.randomUUID();
    String policy =
        ItSupport.alias("claude-3-5-haiku", HAIKU_ID, "")
            + ItSupport.budget(
                "support",
                "Enforce",
                "FailClosed",
                "- name: daily\n  period: Day\n  maxCostUSD: 5");
    SidecarConfig config =
        ItSupport.config(
            ItSupport.writePolicy(policy),
            simulator.endpoint(),
            "support",
            LedgerKind.DYNAMODB,
            dynalite.endpoint(),
            table,
            SidecarConfig.DEFAULT_MAX_REQUEST_BYTES);
    var pricing = PriceTable.builtIn().lookup(HAIKU_ID).orElseThrow();
    long input = 0;
    long output = 0;
    long cost = 0;
    try (Sidecar sidecar = Sidecar.start(config, ItSupport.env(new ItSupport.Output()));
        BedrockRuntimeClient client = ItSupport.syncClient(sidecar)) {
      for (int i = 0; i < 3; i++) {
        ConverseResponse response =
            client.converse(ItSupport.converse("claude-3-5-haiku", "Hello number " + i, 40));
        input += response.usage().inputTokens();
        output += response.usage().outputTokens();
        // each request is priced (and rounded) on its own, as the sidecar settles it
        cost +=
            pricing.costMicros(
                new TokenUsage(
                    response.usage().inputTokens(), response.usage().outputTokens(), 0, 0));
      }
    }
    long expectedCost = cost;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    long totalInput = input;
    long totalOutput = output;

    try (var reader = DynaliteClients.of(dynalite)) {
      DynamoDbUsageStore store = new DynamoDbUsageStore(reader, table);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(store.read("support", today.minusDays(1), today))
                      .containsExactly(
                          new DailyUsage(
                              today,
                              new UsageDimensions("support", "chat", "test", "claude-3-5-haiku"),
                              new UsageTotals(expectedCost, totalInput, totalOutput, 0, 0, 3))));
      assertThat(store.costCenters()).containsExactly("support");
    }
  }
}

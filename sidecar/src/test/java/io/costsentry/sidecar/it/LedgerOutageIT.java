package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.policy.Period;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.core.testing.TcpGate;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.dynamodb.Dynalite;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;

/** The ledger goes away mid-flight: FailClosed refuses, FailOpen serves, nothing is lost. */
class LedgerOutageIT {

  @Test
  void failurePoliciesHoldAndNoSettlementIsLostAcrossAnOutage() throws Exception {
    try (Dynalite dynalite = Dynalite.start();
        TcpGate gate = TcpGate.to(dynalite.endpoint());
        BedrockSimulator simulator = BedrockSimulator.start(SimulatorOptions.defaults())) {
      String limits = "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 1000000";
      String policy =
          ItSupport.alias("claude-3-5-haiku", HAIKU_ID, "")
              + ItSupport.budget("strict", "Enforce", "FailClosed", limits)
              + ItSupport.budget("lenient", "Enforce", "FailOpen", limits);
      var file = ItSupport.writePolicy(policy);
      ItSupport.Output output = new ItSupport.Output();
      try (Sidecar strict = start(file, simulator, gate, "strict", output);
          Sidecar lenient = start(file, simulator, gate, "lenient", output);
          BedrockRuntimeClient strictClient = ItSupport.syncClient(strict);
          BedrockRuntimeClient lenientClient = ItSupport.syncClient(lenient)) {

        // a request in flight when the ledger goes away: its settlement must wait, not vanish
        lenientClient.converse(
            ItSupport.converse("claude-3-5-haiku", "before [[sim:output=4]]", 10));
        gate.cut();

        assertThatThrownBy(
                () -> strictClient.converse(ItSupport.converse("claude-3-5-haiku", "x", 10)))
            .isInstanceOf(ServiceUnavailableException.class)
            .hasMessageContaining("FailClosed");
        for (int i = 0; i < 3; i++) {
          lenientClient.converse(
              ItSupport.converse("claude-3-5-haiku", "during " + i + " [[sim:output=6]]", 10));
        }
        assertThat(simulator.calls()).hasSize(4);
        await().until(() -> lenient.pendingLedgerWrites() >= 3);

        gate.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> lenient.pendingLedgerWrites() == 0);
        long billed = simulator.totalInputTokens() + simulator.totalOutputTokens();
        try (var client = DynaliteClients.of(dynalite)) {
          var state =
              new DynamoDbLedger(client, "outage")
                  .read(
                      new CounterKey(
                          "budget#lenient#daily-tokens",
                          Period.DAY.windowAt(Instant.now(), ZoneOffset.UTC)));
          assertThat(state.used()).isEqualTo(billed);
          assertThat(state.requests()).isEqualTo(4);
          assertThat(state.holds()).isEmpty();
        }
      }
    }
  }

  private static Sidecar start(
      java.nio.file.Path policy,
      BedrockSimulator simulator,
      TcpGate gate,
      String costCenter,
      ItSupport.Output output)
      throws Exception {
    return Sidecar.start(
        ItSupport.config(
            policy,
            simulator.endpoint(),
            costCenter,
            LedgerKind.DYNAMODB,
            gate.endpoint(),
            "outage",
            SidecarConfig.DEFAULT_MAX_REQUEST_BYTES),
        ItSupport.env(output));
  }
}

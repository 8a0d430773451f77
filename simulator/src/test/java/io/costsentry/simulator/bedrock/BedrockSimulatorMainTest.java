package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BedrockSimulatorMainTest {

  @Test
  void flagsSetTheOptions() {
    SimulatorOptions options =
        BedrockSimulatorMain.parse(
            new String[] {
              "--host",
              "0.0.0.0",
              "--port",
              "8788",
              "--token-delay-ms",
              "15",
              "--first-token-delay-ms",
              "200",
              "--no-verify-signatures"
            });

    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.port()).isEqualTo(8788);
    assertThat(options.tokenDelay()).isEqualTo(Duration.ofMillis(15));
    assertThat(options.firstTokenDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(options.verifySignatures()).isFalse();
  }

  @Test
  void noFlagsMeansTheDefaults() {
    assertThat(BedrockSimulatorMain.parse(new String[0])).isEqualTo(SimulatorOptions.defaults());
  }

  @Test
  void unknownFlagsAndMissingValuesAreRefused() {
    assertThatThrownBy(() -> BedrockSimulatorMain.parse(new String[] {"--verbose"}))
        .hasMessageContaining("unknown flag");
    assertThatThrownBy(() -> BedrockSimulatorMain.parse(new String[] {"--port"}))
        .hasMessageContaining("needs a value");
  }
}

package io.costsentry.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.MetricsOutput;
import io.costsentry.sidecar.config.SidecarConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SidecarMainTest {
  private static SidecarConfig parse(String... args) {
    SidecarMain main = new SidecarMain();
    new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return main.toConfig();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    SidecarConfig config = parse("--config", "budgets.yaml", "--cost-center", "support");
    assertThat(config.listen().toString()).isEqualTo("127.0.0.1:8787");
    assertThat(config.adminListen().toString()).isEqualTo("0.0.0.0:9797");
    assertThat(config.ledger()).isEqualTo(LedgerKind.DYNAMODB);
    assertThat(config.dynamoDbTable()).isEqualTo("costsentry-ledger");
    assertThat(config.createTable()).isTrue();
    assertThat(config.metrics())
        .containsExactlyInAnyOrder(MetricsOutput.EMF, MetricsOutput.PROMETHEUS);
    assertThat(config.maxRequestBytes()).isEqualTo(SidecarConfig.DEFAULT_MAX_REQUEST_BYTES);
    assertThat(config.holdTtl()).isGreaterThan(config.upstreamTimeout());
    assertThat(config.bedrockEndpoint()).isNull();
    assertThat(config.ledgerTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void withoutAFileTheDynamoDbLedgerServesThePoliciesTheOperatorWrote() {
    SidecarConfig config = parse("--cost-center", "support");
    assertThat(config.policyFile()).isNull();
    assertThat(config.ledger()).isEqualTo(LedgerKind.DYNAMODB);
  }

  @Test
  void flagsOverrideDefaults() {
    SidecarConfig config =
        parse(
            "--config",
            "b.yaml",
            "--cost-center",
            "support",
            "--listen",
            "127.0.0.1:0",
            "--ledger",
            "MEMORY",
            "--metrics",
            "none",
            "--bedrock-endpoint",
            "http://127.0.0.1:1",
            "--upstream-timeout",
            "PT1M",
            "--hold-ttl",
            "PT2M",
            "--ledger-timeout",
            "PT10S");
    assertThat(config.listen().port()).isZero();
    assertThat(config.ledger()).isEqualTo(LedgerKind.MEMORY);
    assertThat(config.metrics()).isEmpty();
    assertThat(config.bedrockEndpoint()).hasToString("http://127.0.0.1:1");
    assertThat(config.holdTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.ledgerTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> parse("--config", "b.yaml", "--cost-center", "x", "--ledger", "redis"))
        .hasMessage("COSTSENTRY_LEDGER 'redis' is not one of [dynamodb, memory]");
    assertThatThrownBy(
            () -> parse("--config", "b.yaml", "--cost-center", "x", "--metrics", "statsd"))
        .hasMessageContaining("COSTSENTRY_METRICS 'statsd'");
    assertThatThrownBy(() -> parse("--config", "b.yaml", "--cost-center", "x", "--listen", "8787"))
        .hasMessageContaining("expected HOST:PORT");
    assertThatThrownBy(
            () -> parse("--config", "b.yaml", "--cost-center", "x", "--hold-ttl", "PT1M"))
        .hasMessageContaining("must be longer than the upstream timeout");
    assertThatThrownBy(() -> parse("--cost-center", "x", "--ledger", "memory"))
        .hasMessageContaining("COSTSENTRY_CONFIG");
    assertThatThrownBy(
            () -> parse("--config", "b.yaml", "--cost-center", "x", "--ledger-timeout", "PT0S"))
        .hasMessageContaining("ledger timeout must be positive");
    assertThatThrownBy(() -> parse("--config", "b.yaml"))
        .hasMessageContaining("COSTSENTRY_COST_CENTER");
  }
}

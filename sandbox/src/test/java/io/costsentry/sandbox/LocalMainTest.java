package io.costsentry.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LocalMainTest {
  @Test
  void helpListsEveryFlagWithItsDefault() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new LocalMain());
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--proxy-port", "8787")
        .contains("--kubeconfig-out", "costsentry-local.kubeconfig")
        .contains("--cost-center", "support")
        .contains("--application-id", "--environment")
        .contains("--ledger", "memory|dynamodb")
        .contains("--examples");
  }

  @Test
  void flagsBecomeTheConfig() {
    LocalMain main = new LocalMain();
    new CommandLine(main)
        .parseArgs(
            "--proxy-port",
            "0",
            "--cost-center",
            "sales",
            "--ledger",
            "DynamoDB",
            "--examples",
            "false",
            "--kubeconfig-out",
            "/tmp/k");
    SandboxConfig config = main.toConfig();
    assertThat(config.proxyPort()).isZero();
    assertThat(config.costCenter()).isEqualTo("sales");
    assertThat(config.ledger()).isEqualTo(SandboxConfig.LedgerChoice.DYNAMODB);
    assertThat(config.examples()).isFalse();
    assertThat(config.kubeconfigOut()).isEqualTo(Path.of("/tmp/k"));
  }

  @Test
  void badValuesAreRefusedWithTheChoices() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new LocalMain());
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--ledger", "postgres")).isNotZero();
    assertThat(err.toString()).contains("'postgres' is not memory or dynamodb");
  }

  @Test
  void aPortInUseIsExplainedNotDumped() {
    String why =
        LocalMain.explain(
            new IOException("Failed to bind to /127.0.0.1:8787", new BindException("in use")));
    assertThat(why).contains("8787").contains("--proxy-port");
  }
}

package io.costsentry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.operator.billing.BillingConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OperatorMainTest {

  @Test
  void helpListsEveryFlagWithItsEnvironmentVariable() {
    StringWriter out = new StringWriter();
    CommandLine cli = OperatorMain.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("--region", "COSTSENTRY_OPERATOR_REGION")
        .contains("--bedrock-endpoint", "COSTSENTRY_OPERATOR_BEDROCK_ENDPOINT")
        .contains("--dynamodb-endpoint", "COSTSENTRY_DYNAMODB_ENDPOINT")
        .contains("--dynamodb-table", "COSTSENTRY_DYNAMODB_TABLE", "costsentry-ledger")
        .contains("--dynamodb-create-table", "COSTSENTRY_DYNAMODB_CREATE_TABLE")
        .contains("--status-refresh-interval", "COSTSENTRY_OPERATOR_STATUS_REFRESH_INTERVAL")
        .contains("--leader-election", "--lease-name", "--lease-namespace", "--lease-duration")
        .contains("--admin-port", "--event-namespace")
        .contains("--drift-repair-interval", "COSTSENTRY_OPERATOR_DRIFT_REPAIR_INTERVAL")
        .contains("--reconcile-threads", "COSTSENTRY_OPERATOR_RECONCILE_THREADS")
        .contains("--namespace", "COSTSENTRY_OPERATOR_NAMESPACE")
        .contains("--webhook-port", "COSTSENTRY_WEBHOOK_PORT", "--webhook-certs")
        .contains("--webhook-secret", "--webhook-service", "--webhook-cert-validity")
        .contains("--mutating-webhook", "--validating-webhook")
        .contains("--sidecar-image", "COSTSENTRY_SIDECAR_IMAGE", "--sidecar-memory-limit")
        .contains("--sidecar-bedrock-endpoint")
        .contains("--activate-cost-allocation-tags", "COSTSENTRY_ACTIVATE_COST_ALLOCATION_TAGS")
        .contains("--billed-cost", "COSTSENTRY_BILLED_COST")
        .contains("--billing-refresh-interval", "COSTSENTRY_BILLING_REFRESH_INTERVAL")
        .contains("--billing-retry-interval", "COSTSENTRY_BILLING_RETRY_INTERVAL")
        .contains("--billing-drift-tolerance-percent", "--billing-drift-tolerance-usd")
        .contains("--aws-account-id", "COSTSENTRY_AWS_ACCOUNT_ID")
        .contains("--dashboard", "COSTSENTRY_DASHBOARD", "--dashboard-name")
        .contains("--cost-explorer-endpoint", "COSTSENTRY_COST_EXPLORER_ENDPOINT")
        .contains("--budgets-endpoint", "COSTSENTRY_BUDGETS_ENDPOINT")
        .contains("--cloudwatch-endpoint", "COSTSENTRY_CLOUDWATCH_ENDPOINT");
  }

  @Test
  void billingFlagsBecomeTheBillingConfigWithDailyRefreshByDefault() {
    OperatorMain defaults = new OperatorMain();
    new CommandLine(defaults).parseArgs();
    BillingConfig config = defaults.billing.toConfig("eu-west-1");
    assertThat(config.activateTags()).isTrue();
    assertThat(config.billedCost()).isTrue();
    assertThat(config.refreshInterval()).isEqualTo(Duration.ofHours(24));
    assertThat(config.retryInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.driftTolerancePercent()).isEqualByComparingTo("10");
    assertThat(config.driftToleranceUsd()).isEqualByComparingTo("1");
    assertThat(config.accountId()).isNull();
    assertThat(config.dashboard()).isFalse();
    assertThat(config.region()).isEqualTo("eu-west-1");

    OperatorMain set = new OperatorMain();
    new CommandLine(set)
        .parseArgs(
            "--billed-cost=false",
            "--billing-refresh-interval=6h",
            "--billing-drift-tolerance-usd=5",
            "--aws-account-id=111122223333",
            "--dashboard=true",
            "--dashboard-name=Team-A",
            "--cost-explorer-endpoint=http://127.0.0.1:1");
    BillingConfig custom = set.billing.toConfig(null);
    assertThat(custom.billedCost()).isFalse();
    assertThat(custom.usesCostExplorer()).as("tag activation still needs it").isTrue();
    assertThat(custom.refreshInterval()).isEqualTo(Duration.ofHours(6));
    assertThat(custom.driftToleranceUsd()).isEqualByComparingTo("5");
    assertThat(custom.accountId()).isEqualTo("111122223333");
    assertThat(custom.dashboard()).isTrue();
    assertThat(custom.dashboardName()).isEqualTo("Team-A");
    assertThat(custom.costExplorerEndpoint()).hasToString("http://127.0.0.1:1");
  }

  @Test
  void aBadAccountIdIsRefusedNamingIt() {
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs("--aws-account-id=12345");
    assertThatThrownBy(() -> main.billing.toConfig(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account id")
        .hasMessageContaining("12345");
  }

  @Test
  void webhookFlagsBecomeItsConfigWithTheSidecarSharingTheOperatorsAwsSettings() {
    OperatorMain main = new OperatorMain();
    new CommandLine(main)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(
            "--region",
            "eu-west-1",
            "--dynamodb-table",
            "ledger",
            "--webhook-certs",
            "external",
            "--webhook-secret",
            "tls",
            "--sidecar-image",
            "registry.example/sidecar:2",
            "--sidecar-cpu-limit",
            "1");
    var webhook = main.webhook.toConfig(main.toConfig(Map.of()), "costsentry-system");
    assertThat(webhook.port()).isEqualTo(9443);
    assertThat(webhook.namespace()).isEqualTo("costsentry-system");
    assertThat(webhook.certificates())
        .isEqualTo(io.costsentry.operator.webhook.certs.CertificateMode.EXTERNAL);
    assertThat(webhook.secretName()).isEqualTo("tls");
    assertThat(webhook.serviceName()).isEqualTo("costsentry-webhook");
    assertThat(webhook.certificateValidity()).isEqualTo(Duration.ofDays(365));
    assertThat(webhook.sidecar().image()).isEqualTo("registry.example/sidecar:2");
    assertThat(webhook.sidecar().cpuLimit()).isEqualTo("1");
    assertThat(webhook.sidecar().memoryLimit()).isEqualTo("256Mi");
    assertThat(webhook.sidecar().region()).isEqualTo("eu-west-1");
    assertThat(webhook.sidecar().dynamoDbTable()).isEqualTo("ledger");
  }

  @Test
  void badWebhookSettingsAreRefusedNamingTheChoices() {
    StringWriter err = new StringWriter();
    CommandLine cli = OperatorMain.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--webhook-certs", "lets-encrypt")).isNotZero();
    assertThat(err.toString()).contains("'lets-encrypt' is not self-signed or external");

    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs("--sidecar-image-pull-policy", "Sometimes");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> main.webhook.toConfig(main.toConfig(Map.of()), "ns"))
        .hasMessageContaining("must be Always, IfNotPresent or Never, got Sometimes");
  }

  @Test
  void flagsBecomeTheTypedConfigWithDefaults() {
    OperatorMain main = new OperatorMain();
    new CommandLine(main)
        .parseArgs(
            "--status-refresh-interval",
            "5m",
            "--leader-election",
            "false",
            "--region",
            "eu-west-1");
    OperatorConfig config = main.toConfig();
    assertThat(config.statusRefreshInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.dynamoDbTable()).isEqualTo("costsentry-ledger");
    assertThat(config.leaseName()).isEqualTo("costsentry-operator");
    assertThat(config.adminPort()).isEqualTo(9798);
    assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.driftRepairInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.reconcileThreads()).isEqualTo(50);
  }

  @Test
  void driftRepairIntervalAndReconcileThreadsAreFlags() {
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs("--drift-repair-interval", "1h", "--reconcile-threads", "8");
    OperatorConfig config = main.toConfig(Map.of());
    assertThat(config.driftRepairInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.reconcileThreads()).isEqualTo(8);
  }

  @Test
  void leaderElectionIsOnByDefaultInAPodAndOffOutside() {
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs();
    Map<String, String> pod = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    assertThat(main.toConfig(pod).leaderElection()).isTrue();
    assertThat(main.toConfig(Map.of()).leaderElection()).isFalse();

    new CommandLine(main).parseArgs("--leader-election", "true", "--lease-duration", "30s");
    assertThat(main.toConfig(Map.of()).leaderElection()).isTrue();
    assertThat(main.toConfig(Map.of()).leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    new CommandLine(main).parseArgs("--leader-election", "false");
    assertThat(main.toConfig(pod).leaderElection()).isFalse();
  }

  @Test
  void anUnknownLeaderElectionModeIsRefusedWithTheChoices() {
    StringWriter err = new StringWriter();
    CommandLine cli = OperatorMain.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--leader-election", "maybe")).isNotZero();
    assertThat(err.toString()).contains("'maybe' is not auto, true or false");
  }

  @Test
  void durationsAcceptShortFormsAndIso() {
    OperatorMain.DurationConverter c = new OperatorMain.DurationConverter();
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
  }
}

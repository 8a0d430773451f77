package io.costsentry.sidecar;

import io.costsentry.sidecar.config.HostPort;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.MetricsOutput;
import io.costsentry.sidecar.config.SidecarConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar costsentry-sidecar.jar}: every flag also reads a COSTSENTRY_* variable. */
@Command(
    name = "costsentry-sidecar",
    mixinStandardHelpOptions = true,
    version = "costsentry-sidecar 0.1.0",
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Enforcing proxy for Amazon Bedrock Runtime: reserves budget before each call, forwards it"
          + " re-signed with this process's AWS credentials, settles the real token usage, and"
          + " denies calls that would cross a limit.",
      "Apps point their AWS SDK at it with AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://<listen>.",
      "AWS region and credentials come from the standard AWS chain.",
      ""
    })
public final class SidecarMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(SidecarMain.class);

  @Option(
      names = "--listen",
      defaultValue = "${env:COSTSENTRY_LISTEN:-127.0.0.1:8787}",
      description =
          "Proxy address, HTTP/1.1 and h2c (env COSTSENTRY_LISTEN, default ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--admin-listen",
      defaultValue = "${env:COSTSENTRY_ADMIN_LISTEN:-0.0.0.0:9797}",
      description =
          "Metrics and health address: /metrics, /healthz, /readyz (env COSTSENTRY_ADMIN_LISTEN,"
              + " default ${DEFAULT-VALUE}).")
  String adminListen;

  @Option(
      names = "--bedrock-endpoint",
      defaultValue = "${env:COSTSENTRY_BEDROCK_ENDPOINT}",
      description =
          "Upstream Bedrock Runtime endpoint (env COSTSENTRY_BEDROCK_ENDPOINT, default"
              + " https://bedrock-runtime.<region>.amazonaws.com).")
  String bedrockEndpoint;

  @Option(
      names = "--region",
      defaultValue = "${env:COSTSENTRY_REGION}",
      description = "AWS region (env COSTSENTRY_REGION, default from AWS_REGION / the AWS chain).")
  String region;

  @Option(
      names = "--ledger",
      defaultValue = "${env:COSTSENTRY_LEDGER:-dynamodb}",
      description =
          "Where usage is counted: dynamodb (shared by all sidecars) or memory (this process"
              + " only) (env COSTSENTRY_LEDGER, default ${DEFAULT-VALUE}).")
  String ledger;

  @Option(
      names = "--dynamodb-endpoint",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_ENDPOINT}",
      description = "DynamoDB endpoint (env COSTSENTRY_DYNAMODB_ENDPOINT, default regional).")
  String dynamoDbEndpoint;

  @Option(
      names = "--dynamodb-table",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_TABLE:-costsentry-ledger}",
      description = "Ledger table (env COSTSENTRY_DYNAMODB_TABLE, default ${DEFAULT-VALUE}).")
  String dynamoDbTable;

  @Option(
      names = "--dynamodb-create-table",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_CREATE_TABLE:-true}",
      arity = "1",
      description =
          "Create the ledger table when missing (env COSTSENTRY_DYNAMODB_CREATE_TABLE, default"
              + " ${DEFAULT-VALUE}).")
  boolean createTable;

  @Option(
      names = "--config",
      defaultValue = "${env:COSTSENTRY_CONFIG}",
      description =
          "YAML file of ModelAlias and CostCenterBudget manifests: standalone mode (env"
              + " COSTSENTRY_CONFIG). Without it the sidecar enforces what the operator wrote to"
              + " the DynamoDB ledger table.")
  Path config;

  @Option(
      names = "--cost-center",
      defaultValue = "${env:COSTSENTRY_COST_CENTER}",
      description =
          "Cost center every request is charged to (env COSTSENTRY_COST_CENTER). Required.")
  String costCenter;

  @Option(
      names = "--application-id",
      defaultValue = "${env:COSTSENTRY_APPLICATION_ID}",
      description = "applicationId tag of this app (env COSTSENTRY_APPLICATION_ID).")
  String applicationId;

  @Option(
      names = "--environment",
      defaultValue = "${env:COSTSENTRY_ENVIRONMENT}",
      description = "environment tag of this app (env COSTSENTRY_ENVIRONMENT).")
  String environment;

  @Option(
      names = "--metrics",
      defaultValue = "${env:COSTSENTRY_METRICS:-emf,prometheus}",
      split = ",",
      description =
          "Metrics outputs, comma-separated: emf, cloudwatch, prometheus, none (env"
              + " COSTSENTRY_METRICS, default ${DEFAULT-VALUE}).")
  Set<String> metrics;

  @Option(
      names = "--max-request-bytes",
      defaultValue = "${env:COSTSENTRY_MAX_REQUEST_BYTES:-20971520}",
      description =
          "Largest request body accepted (env COSTSENTRY_MAX_REQUEST_BYTES, default"
              + " ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(
      names = "--upstream-timeout",
      defaultValue = "${env:COSTSENTRY_UPSTREAM_TIMEOUT:-PT10M}",
      description =
          "Longest a Bedrock call may take, ISO-8601 (env COSTSENTRY_UPSTREAM_TIMEOUT, default"
              + " ${DEFAULT-VALUE}).")
  Duration upstreamTimeout;

  @Option(
      names = "--hold-ttl",
      defaultValue = "${env:COSTSENTRY_HOLD_TTL:-PT15M}",
      description =
          "After this an unsettled reservation (its sidecar died) is reclaimed; longer than the"
              + " upstream timeout (env COSTSENTRY_HOLD_TTL, default ${DEFAULT-VALUE}).")
  Duration holdTtl;

  @Option(
      names = "--log-prompts",
      defaultValue = "${env:COSTSENTRY_LOG_PROMPTS:-false}",
      arity = "1",
      description =
          "Include prompts in audit lines (env COSTSENTRY_LOG_PROMPTS, default ${DEFAULT-VALUE}).")
  boolean logPrompts;

  @Option(
      names = "--policy-refresh",
      defaultValue = "${env:COSTSENTRY_POLICY_REFRESH:-PT10S}",
      description =
          "How often policies the operator wrote to the ledger table are re-read, ISO-8601 (env"
              + " COSTSENTRY_POLICY_REFRESH, default ${DEFAULT-VALUE}).")
  Duration policyRefresh;

  @Option(
      names = "--ledger-timeout",
      defaultValue = "${env:COSTSENTRY_LEDGER_TIMEOUT:-PT3S}",
      description =
          "Longest a DynamoDB ledger call may take, retries included, before the budget's"
              + " failurePolicy decides, ISO-8601 (env COSTSENTRY_LEDGER_TIMEOUT, default"
              + " ${DEFAULT-VALUE}).")
  Duration ledgerTimeout;

  SidecarConfig toConfig() {
    return new SidecarConfig(
        HostPort.parse(listen),
        HostPort.parse(adminListen),
        blankToNull(bedrockEndpoint) == null ? null : URI.create(bedrockEndpoint),
        blankToNull(region),
        parseEnum(LedgerKind.class, ledger, "COSTSENTRY_LEDGER"),
        blankToNull(dynamoDbEndpoint) == null ? null : URI.create(dynamoDbEndpoint),
        dynamoDbTable,
        createTable,
        config,
        blankToNull(costCenter),
        blankToNull(applicationId),
        blankToNull(environment),
        parseMetrics(metrics),
        maxRequestBytes,
        upstreamTimeout,
        holdTtl,
        logPrompts,
        policyRefresh,
        ledgerTimeout);
  }

  private static Set<MetricsOutput> parseMetrics(Set<String> names) {
    EnumSet<MetricsOutput> outputs = EnumSet.noneOf(MetricsOutput.class);
    for (String name : names) {
      outputs.add(parseEnum(MetricsOutput.class, name, "COSTSENTRY_METRICS"));
    }
    outputs.remove(MetricsOutput.NONE);
    return outputs;
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String setting) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          setting
              + " '"
              + value
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public Integer call() throws Exception {
    SidecarConfig cfg;
    try {
      cfg = toConfig();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
    }
    Sidecar sidecar = Sidecar.start(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping: draining in-flight requests and ledger writes");
                  sidecar.close();
                  stopped.countDown();
                },
                "costsentry-shutdown"));
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new SidecarMain());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("costsentry-sidecar: " + e.getMessage());
          log.debug("startup failed", e);
          return 2;
        });
    System.exit(cli.execute(args));
  }
}

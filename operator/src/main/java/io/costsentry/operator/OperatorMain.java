package io.costsentry.operator;

import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.operator.billing.BillingConfig;
import io.costsentry.operator.billing.BillingParts;
import io.costsentry.operator.metrics.BudgetMetrics;
import io.costsentry.operator.webhook.AdmissionWebhooks;
import io.costsentry.operator.webhook.WebhookMetrics;
import io.costsentry.operator.webhook.cluster.ClusterView;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.javaoperatorsdk.operator.Operator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code java -jar costsentry-operator.jar}: every flag also reads an environment variable. */
@Command(
    name = "costsentry-operator",
    mixinStandardHelpOptions = true,
    version = "costsentry-operator 0.1.0",
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Kubernetes operator of CostSentry: turns ModelAlias and CostCenterBudget resources into the"
          + " records the sidecars enforce (DynamoDB), one tagged Bedrock application inference"
          + " profile per cost center and alias, and budget status refreshed from the ledger.",
      "Kubernetes access comes from the in-cluster service account or ~/.kube/config; AWS region"
          + " and credentials from the standard AWS chain (IRSA / EKS Pod Identity).",
      ""
    })
public final class OperatorMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(OperatorMain.class);

  @Option(
      names = "--region",
      defaultValue = "${env:COSTSENTRY_OPERATOR_REGION}",
      description =
          "AWS region of Bedrock and DynamoDB (env COSTSENTRY_OPERATOR_REGION, default from"
              + " AWS_REGION / the AWS chain).")
  String region;

  @Option(
      names = "--bedrock-endpoint",
      defaultValue = "${env:COSTSENTRY_OPERATOR_BEDROCK_ENDPOINT}",
      description =
          "Bedrock control-plane endpoint (env COSTSENTRY_OPERATOR_BEDROCK_ENDPOINT, default"
              + " https://bedrock.<region>.amazonaws.com).")
  URI bedrockEndpoint;

  @Option(
      names = "--dynamodb-endpoint",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_ENDPOINT}",
      description = "DynamoDB endpoint (env COSTSENTRY_DYNAMODB_ENDPOINT, default regional).")
  URI dynamoDbEndpoint;

  @Option(
      names = "--dynamodb-table",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_TABLE:-costsentry-ledger}",
      description =
          "Ledger table, also holding the records for the sidecars (env"
              + " COSTSENTRY_DYNAMODB_TABLE, default ${DEFAULT-VALUE}).")
  String dynamoDbTable;

  @Option(
      names = "--dynamodb-create-table",
      defaultValue = "${env:COSTSENTRY_DYNAMODB_CREATE_TABLE:-true}",
      arity = "1",
      description =
          "Create the table when missing, on-demand capacity (env"
              + " COSTSENTRY_DYNAMODB_CREATE_TABLE, default ${DEFAULT-VALUE}).")
  boolean createTable;

  @Option(
      names = "--status-refresh-interval",
      defaultValue = "${env:COSTSENTRY_OPERATOR_STATUS_REFRESH_INTERVAL:-30s}",
      converter = DurationConverter.class,
      description =
          "How often budget usage is read from the ledger into status: 30s, 5m, 1h or ISO-8601"
              + " (env COSTSENTRY_OPERATOR_STATUS_REFRESH_INTERVAL, default ${DEFAULT-VALUE}).")
  Duration statusRefreshInterval;

  @Option(
      names = "--drift-repair-interval",
      defaultValue = "${env:COSTSENTRY_OPERATOR_DRIFT_REPAIR_INTERVAL:-10m}",
      converter = DurationConverter.class,
      description =
          "How often profiles are checked in Bedrock (tags re-applied) and records rewritten even"
              + " though nothing changed, repairing drift made outside CostSentry; changes are"
              + " synced at once (env COSTSENTRY_OPERATOR_DRIFT_REPAIR_INTERVAL, default"
              + " ${DEFAULT-VALUE}).")
  Duration driftRepairInterval;

  @Option(
      names = "--reconcile-threads",
      defaultValue = "${env:COSTSENTRY_OPERATOR_RECONCILE_THREADS:-50}",
      description =
          "Resources reconciled at the same time (env COSTSENTRY_OPERATOR_RECONCILE_THREADS,"
              + " default ${DEFAULT-VALUE}).")
  int reconcileThreads;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:COSTSENTRY_OPERATOR_LEADER_ELECTION:-auto}",
      converter = ElectionConverter.class,
      paramLabel = "auto|true|false",
      description =
          "Reconcile only while holding the Lease, so extra replicas stand by; auto: on when"
              + " running in a Kubernetes pod (env COSTSENTRY_OPERATOR_LEADER_ELECTION, default"
              + " ${DEFAULT-VALUE}).")
  Election leaderElection;

  @Option(
      names = "--lease-duration",
      defaultValue = "${env:COSTSENTRY_OPERATOR_LEASE_DURATION:-15s}",
      converter = DurationConverter.class,
      description =
          "How long a Lease not renewed stays with its holder, the longest a standby waits to take"
              + " over; renewal deadline 2/3 and retry period 2/15 of it (env"
              + " COSTSENTRY_OPERATOR_LEASE_DURATION, default ${DEFAULT-VALUE}).")
  Duration leaseDuration;

  @Option(
      names = "--lease-name",
      defaultValue = "${env:COSTSENTRY_OPERATOR_LEASE_NAME:-costsentry-operator}",
      description =
          "Name of the coordination.k8s.io Lease (env COSTSENTRY_OPERATOR_LEASE_NAME, default"
              + " ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:COSTSENTRY_OPERATOR_LEASE_NAMESPACE}",
      description =
          "Namespace of the Lease (env COSTSENTRY_OPERATOR_LEASE_NAMESPACE, default the"
              + " operator's own namespace).")
  String leaseNamespace;

  @Option(
      names = "--admin-port",
      defaultValue = "${env:COSTSENTRY_OPERATOR_ADMIN_PORT:-9798}",
      description =
          "Port of /healthz, /readyz and /metrics; -1 disables them (env"
              + " COSTSENTRY_OPERATOR_ADMIN_PORT, default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--event-namespace",
      defaultValue = "${env:COSTSENTRY_OPERATOR_EVENT_NAMESPACE:-default}",
      description =
          "Namespace of the Events about the cluster-scoped resources (env"
              + " COSTSENTRY_OPERATOR_EVENT_NAMESPACE, default ${DEFAULT-VALUE}).")
  String eventNamespace;

  @Mixin WebhookOptions webhook = new WebhookOptions();

  @Mixin BillingOptions billing = new BillingOptions();

  OperatorConfig toConfig() {
    return toConfig(System.getenv());
  }

  OperatorConfig toConfig(Map<String, String> env) {
    return new OperatorConfig(
        region == null || region.isBlank() ? null : region,
        bedrockEndpoint,
        dynamoDbEndpoint,
        dynamoDbTable,
        createTable,
        statusRefreshInterval,
        leaderElection.enabled(inCluster(env)),
        leaseName,
        leaseNamespace,
        adminPort,
        eventNamespace,
        leaseDuration,
        null,
        driftRepairInterval,
        reconcileThreads);
  }

  /** Kubernetes sets this variable in every container of a pod. */
  static boolean inCluster(Map<String, String> env) {
    String host = env.get("KUBERNETES_SERVICE_HOST");
    return host != null && !host.isBlank();
  }

  @Override
  public Integer call() throws Exception {
    OperatorConfig config = toConfig();
    Region awsRegion = config.region() == null ? null : Region.of(config.region());
    DynamoDbLedger.Settings settings =
        new DynamoDbLedger.Settings(
            config.dynamoDbEndpoint(), config.dynamoDbTable(), config.createTable(), awsRegion);
    KubernetesClient client =
        new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build();
    DynamoDbClient dynamo = OperatorDynamoDb.clientBuilder(settings).build();
    DynamoDbLedger ledger = new DynamoDbLedger(dynamo, config.dynamoDbTable());
    if (config.createTable()) {
      ledger.ensureTable();
    }
    DynamoDbPolicyStore store = new DynamoDbPolicyStore(dynamo, config.dynamoDbTable());
    BedrockInferenceProfiles bedrock =
        BedrockInferenceProfiles.create(awsRegion, config.bedrockEndpoint());
    Leadership leadership = Leadership.exitingOnLoss();
    BillingConfig billingConfig = billing.toConfig(config.region());
    BillingParts billingParts = BillingParts.create(billingConfig, ledger, Clock.systemUTC());
    Operator operator =
        CostSentryOperator.create(
            client,
            bedrock,
            store,
            ledger,
            config,
            Clock.systemUTC(),
            leadership,
            billingParts.billing());
    // Budgets and namespaces as every replica sees them: admission decisions and budget gauges.
    ClusterView cluster = ClusterView.start(client);
    WebhookMetrics webhookMetrics = new WebhookMetrics();
    AdmissionWebhooks webhooks =
        webhook.enabled()
            ? AdmissionWebhooks.start(
                client,
                cluster,
                webhook.toConfig(config, client.getNamespace()),
                webhookMetrics,
                Clock.systemUTC())
            : null;
    BudgetMetrics budgetMetrics = new BudgetMetrics(cluster::budgets);
    AdminServer admin =
        config.adminPort() < 0
            ? null
            : AdminServer.start(
                config.adminPort(),
                () ->
                    OperatorHealth.of(operator, leadership)
                        .withWebhookReady(webhooks == null || webhooks.ready()),
                () -> budgetMetrics.render() + webhookMetrics.render());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  operator.stop();
                  closeQuietly(webhooks);
                  cluster.close();
                  if (admin != null) {
                    admin.close();
                  }
                  client.close();
                  bedrock.close();
                  billingParts.close();
                  dynamo.close();
                  stopped.countDown();
                },
                "costsentry-operator-stop"));
    operator.start();
    log.info(
        "CostSentry operator started: table {}, status refresh {}, drift repair {}, {} reconcile"
            + " threads, leader election {}, admin port {}, webhooks {}; billing: tags {}, billed"
            + " cost {} every {}, AWS budgets {}, dashboard {}",
        config.dynamoDbTable(),
        config.statusRefreshInterval(),
        config.driftRepairInterval(),
        config.reconcileThreads(),
        config.leaderElection()
            ? "Lease " + config.leaseName() + " (" + config.leaseDuration() + ")"
            : "off",
        admin == null ? "off" : admin.port(),
        webhooks == null ? "off" : "port " + webhook.port,
        billingConfig.activateTags() ? "on" : "off",
        billingConfig.billedCost() ? "on" : "off",
        billingConfig.refreshInterval(),
        billingConfig.accountId() == null ? "off (no --aws-account-id)" : "on",
        billingConfig.dashboard() ? billingConfig.dashboardName() : "off");
    stopped.await();
    return 0;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.warn("stopping {}: {}", c.getClass().getSimpleName(), e.toString());
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new OperatorMain()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** {@code --leader-election}: on, off, or on exactly when running in a pod. */
  enum Election {
    AUTO,
    TRUE,
    FALSE;

    boolean enabled(boolean inCluster) {
      return this == TRUE || (this == AUTO && inCluster);
    }
  }

  /** {@code auto}, {@code true} or {@code false}, in any case. */
  static final class ElectionConverter implements CommandLine.ITypeConverter<Election> {
    @Override
    public Election convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "auto" -> Election.AUTO;
        case "true" -> Election.TRUE;
        case "false" -> Election.FALSE;
        default ->
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not auto, true or false");
      };
    }
  }

  /** {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.strip());
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration: use 30s, 5m, 1h or ISO-8601 such as PT30S");
      }
    }
  }
}

package io.costsentry.sandbox;

import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.config.InMemoryPolicyStore;
import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.ledger.InMemoryLedger;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.usage.DynamoDbUsageStore;
import io.costsentry.core.usage.UsageStore;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.CostSentryOperator;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.operator.webhook.WebhookMetrics;
import io.costsentry.operator.webhook.cluster.ClusterView;
import io.costsentry.operator.webhook.validation.BudgetUniqueness;
import io.costsentry.sandbox.api.EmbeddedApiServer;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.SidecarEnvironment;
import io.costsentry.sidecar.config.HostPort;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.MetricsOutput;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.bedrock.controlplane.BedrockControlPlaneSimulator;
import io.costsentry.simulator.dynamodb.Dynalite;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system in one process, with no cloud account: an embedded Kubernetes API, the operator
 * reconciling against it, the Bedrock runtime and control-plane simulators, the ledger, and a
 * sidecar on loopback charged to one cost center. Every part is the real one; only AWS is
 * simulated, on the wire.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
  static final String TABLE = "costsentry-ledger";
  static final String REGION = "us-east-1";

  /** How long the examples may take to be reconciled before the sidecar starts anyway. */
  private static final Duration EXAMPLES_READY = Duration.ofSeconds(15);

  private final List<AutoCloseable> parts = new ArrayList<>();
  private EmbeddedApiServer api;
  private BedrockSimulator runtime;
  private BedrockControlPlaneSimulator controlPlane;
  private Sidecar sidecar;
  private KubernetesClient client;
  private String ledgerDescription;
  private URI dynamoDbEndpoint;
  private List<String> exampleBudgets = List.of();

  private Sandbox() {}

  /** Starts every part; on failure stops what started and throws. */
  public static Sandbox start(SandboxConfig config, PrintStream audit) throws Exception {
    Sandbox sandbox = new Sandbox();
    try {
      sandbox.startParts(config, audit);
      return sandbox;
    } catch (Exception e) {
      sandbox.close();
      throw e;
    }
  }

  private void startParts(SandboxConfig config, PrintStream audit) throws Exception {
    // The API server's admission needs the budgets; the informer is started once it listens.
    AtomicReference<ClusterView> view = new AtomicReference<>();
    WebhookMetrics webhookMetrics = new WebhookMetrics();
    api =
        started(
            EmbeddedApiServer.start(
                config.apiPort(),
                new BudgetUniqueness(() -> view.get().budgets(), webhookMetrics)));
    client = started(api.newClient());
    view.set(started(ClusterView.start(client)));
    if (config.kubeconfigOut() != null) {
      Kubeconfig.write(config.kubeconfigOut(), api.url());
    }

    controlPlane = started(BedrockControlPlaneSimulator.start());
    runtime = started(BedrockSimulator.start(SimulatorOptions.defaults()));
    StaticCredentialsProvider awsCredentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                SimulatorOptions.DEFAULT_ACCESS_KEY_ID,
                SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY));

    Ledger ledger;
    PolicyStore store;
    UsageStore usage;
    if (config.ledger() == SandboxConfig.LedgerChoice.DYNAMODB) {
      Dynalite dynalite = started(Dynalite.start());
      DynamoDbClient dynamo = started(dynamoClient(dynalite.endpoint()));
      DynamoDbLedger dynamoLedger = new DynamoDbLedger(dynamo, TABLE);
      dynamoLedger.ensureTable();
      ledger = dynamoLedger;
      store = new DynamoDbPolicyStore(dynamo, TABLE);
      usage = new DynamoDbUsageStore(dynamo, TABLE);
      dynamoDbEndpoint = dynalite.endpoint();
      ledgerDescription = "DynamoDB (dynalite) at " + dynalite.endpoint() + ", table " + TABLE;
    } else {
      ledger = new InMemoryLedger();
      store = new InMemoryPolicyStore();
      usage = null; // reports run in another process: they could not read it
      ledgerDescription = "in memory (lost on exit)";
    }

    BedrockInferenceProfiles profiles =
        started(
            BedrockInferenceProfiles.create(
                Region.of(REGION), controlPlane.endpoint(), awsCredentials));
    Operator operator =
        CostSentryOperator.create(
            client,
            profiles,
            store,
            ledger,
            OperatorConfig.defaults()
                .withLeaderElection(false)
                // A laptop wants to see spend move: the ledger is local, reading it is cheap.
                .withStatusRefreshInterval(Duration.ofSeconds(2)));
    operator.start();
    parts.add(operator::stop);

    if (config.examples()) {
      exampleBudgets = Examples.apply(client);
      awaitReady(exampleBudgets);
    }

    SidecarConfig sidecarConfig =
        new SidecarConfig(
            new HostPort("127.0.0.1", config.proxyPort()),
            new HostPort("127.0.0.1", config.adminPort()),
            runtime.endpoint(),
            REGION,
            LedgerKind.DYNAMODB, // unused by an embedded sidecar: it shares the ledger above
            null,
            TABLE,
            false,
            null,
            config.costCenter(),
            config.applicationId(),
            config.environment(),
            Set.of(MetricsOutput.PROMETHEUS),
            SidecarConfig.DEFAULT_MAX_REQUEST_BYTES,
            Duration.ofMinutes(10),
            Duration.ofMinutes(15),
            false,
            Duration.ofSeconds(1), // budgets applied with kubectl reach the sidecar within a second
            null);
    sidecar =
        started(
            Sidecar.embedded(
                sidecarConfig,
                new SidecarEnvironment(awsCredentials, audit, null),
                ledger,
                store,
                usage));
  }

  /**
   * Waits (bounded) for the examples to be published, aliases and budgets, so the sidecar starts
   * with a consistent set of records.
   */
  private void awaitReady(List<String> budgets) throws InterruptedException {
    long deadline = System.nanoTime() + EXAMPLES_READY.toNanos();
    List<String> aliases =
        client.resources(ModelAlias.class).list().getItems().stream()
            .map(a -> a.getMetadata().getName())
            .toList();
    boolean inTime =
        awaitEach(
                aliases,
                name -> ready(client.resources(ModelAlias.class).withName(name).get()),
                deadline)
            && awaitEach(
                budgets,
                name -> ready(client.resources(CostCenterBudget.class).withName(name).get()),
                deadline);
    if (!inTime) {
      log.warn(
          "the examples are not all Ready after {}; the sidecar starts anyway", EXAMPLES_READY);
    }
  }

  /** Polls until each of {@code names} is ready; false when the deadline passes first. */
  private static boolean awaitEach(List<String> names, Predicate<String> ready, long deadline)
      throws InterruptedException {
    for (String name : names) {
      while (!ready.test(name)) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(100);
      }
    }
    return true;
  }

  private static boolean ready(ModelAlias alias) {
    return alias != null && alias.getStatus() != null && readyIn(alias.getStatus().getConditions());
  }

  private static boolean ready(CostCenterBudget budget) {
    return budget != null
        && budget.getStatus() != null
        && readyIn(budget.getStatus().getConditions());
  }

  private static boolean readyIn(List<Condition> conditions) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A client of the sandbox's dynalite, configured as the ledger configures production ones. */
  private static DynamoDbClient dynamoClient(URI endpoint) {
    return DynamoDbLedger.clientBuilder(
            new DynamoDbLedger.Settings(endpoint, null, false, Region.of(REGION)))
        // dynalite takes any key
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  private <T> T started(T part) {
    if (part instanceof AutoCloseable c) {
      parts.add(c);
    }
    return part;
  }

  public String apiUrl() {
    return api.url();
  }

  /** Where apps send Bedrock calls: {@code http://127.0.0.1:<proxy port>}. */
  public URI bedrockEndpoint() {
    return URI.create("http://127.0.0.1:" + sidecar.proxyPort());
  }

  public int adminPort() {
    return sidecar.adminPort();
  }

  public URI runtimeSimulator() {
    return runtime.endpoint();
  }

  public BedrockSimulator runtime() {
    return runtime;
  }

  public BedrockControlPlaneSimulator controlPlane() {
    return controlPlane;
  }

  /** The ledger's DynamoDB endpoint with {@code --ledger dynamodb}, else {@code null}. */
  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  public String ledgerDescription() {
    return ledgerDescription;
  }

  public List<String> exampleBudgets() {
    return exampleBudgets;
  }

  /** A new client of the embedded API; the caller closes it. */
  public KubernetesClient newClient() {
    return api.newClient();
  }

  /** Stops every part, last started first. */
  @Override
  public void close() {
    for (AutoCloseable part : parts.reversed()) {
      try {
        part.close();
      } catch (Exception e) {
        log.warn("stopping {}: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
    parts.clear();
  }
}

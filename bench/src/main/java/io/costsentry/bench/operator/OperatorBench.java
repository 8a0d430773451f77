package io.costsentry.bench.operator;

import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.config.InMemoryPolicyStore;
import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.ledger.InMemoryLedger;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.simulator.dynamodb.Dynalite;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.CostSentryOperator;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.OperatorMain.DurationConverter;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.simulator.bedrock.controlplane.BedrockControlPlaneSimulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClientBuilder;
import software.amazon.awssdk.services.bedrock.model.ListInferenceProfilesResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The operator at scale: N CostCenterBudgets × M ModelAliases reconciled by the real JOSDK operator
 * ({@link CostSentryOperator#create}) against the Fabric8 mock API server (CRUD mode), the Bedrock
 * control-plane simulator behind the real {@code BedrockClient} adapter, and dynalite behind the
 * DynamoDB ledger and policy store — all in this JVM except dynalite. Measures the time until every
 * resource is Ready, the API calls per budget on the way, and the cost per minute of the status
 * refresh once everything is Ready. See bench/README.md.
 */
@Command(
    name = "costsentry-operator-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Reconciles N budgets x M aliases with the real operator against the simulated control"
            + " plane; reports time to Ready, API calls per budget and the status-refresh cost per"
            + " minute as markdown.")
public final class OperatorBench implements Callable<Integer> {
  static final String TABLE = "costsentry-ledger";

  enum LedgerKind {
    dynalite,
    memory
  }

  @Option(names = "--budgets", defaultValue = "1000", description = "CostCenterBudgets.")
  int budgets;

  @Option(
      names = "--aliases",
      defaultValue = "10",
      description = "ModelAliases; every budget gets a profile for each.")
  int aliases;

  @Option(
      names = "--refresh-interval",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "The operator's --status-refresh-interval (default ${DEFAULT-VALUE}).")
  Duration refresh;

  @Option(
      names = "--steady-window",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "Steady-state measurement window after all are Ready.")
  Duration steadyWindow;

  @Option(
      names = "--settle",
      converter = DurationConverter.class,
      description = "Wait between all Ready and the steady window (default: one refresh interval).")
  Duration settle;

  @Option(
      names = "--ready-timeout",
      defaultValue = "20m",
      converter = DurationConverter.class,
      description = "Give up waiting for all Ready after this; the report says what was reached.")
  Duration readyTimeout;

  @Option(
      names = "--active-fraction",
      defaultValue = "0.2",
      description =
          "Share of budgets with spend during the steady window (their status changes at each"
              + " refresh).")
  double activeFraction;

  @Option(
      names = "--spend-every",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How often each active budget gets a (simulated) settled request.")
  Duration spendEvery;

  @Option(
      names = "--ledger",
      defaultValue = "dynalite",
      description = "dynalite (real DynamoDB wire protocol, needs Node.js) or memory.")
  LedgerKind ledgerKind;

  @Option(
      names = "--poll",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often the bench lists the resources to see which are Ready.")
  Duration poll;

  @Option(
      names = "--progress",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "Interval of the progress timeline.")
  Duration progressEvery;

  @Option(names = "--creators", defaultValue = "8", description = "Threads creating resources.")
  int creators;

  @Option(names = "--out", description = "Also write the report to this file.")
  Path out;

  private BedrockControlPlaneSimulator simulator;
  private MockApiServer api;
  private CallCounter bedrockCalls;
  private CallCounter dynamoCalls;
  private CpuMeter cpu;
  private OperatorReport report;
  private final Map<String, Double> readyAt = new HashMap<>();

  @Override
  public Integer call() throws Exception {
    // The simulator does not check signatures, but the SDK needs credentials to sign with.
    System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
    System.setProperty("aws.secretAccessKey", "secret");
    System.setProperty("aws.region", BedrockControlPlaneSimulator.REGION);
    if (settle == null) {
      settle = refresh;
    }
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    progress("starting the Bedrock simulator, " + ledgerKind + " and the mock API server");
    simulator = BedrockControlPlaneSimulator.start();
    bedrockCalls =
        new CallCounter(
            null,
            r ->
                r instanceof ListInferenceProfilesResponse l
                    ? l.inferenceProfileSummaries().size()
                    : null);
    BedrockClientBuilder bedrockBuilder =
        BedrockInferenceProfiles.clientBuilder(
            Region.of(BedrockControlPlaneSimulator.REGION), simulator.endpoint(), credentials);
    bedrockBuilder.overrideConfiguration(
        bedrockBuilder.overrideConfiguration().toBuilder()
            .addExecutionInterceptor(bedrockCalls)
            .build());
    BedrockInferenceProfiles bedrock = new BedrockInferenceProfiles(bedrockBuilder.build());

    dynamoCalls = new CallCounter(OperatorBench::dynamoDetail, null);
    Dynalite dynalite = null;
    DynamoDbClient dynamo = null;
    DynamoDbClient spenderDynamo = null;
    Ledger ledger;
    Ledger spenderLedger;
    PolicyStore store;
    if (ledgerKind == LedgerKind.dynalite) {
      dynalite = Dynalite.start();
      DynamoDbClientBuilder dynamoBuilder =
          DynamoDbLedger.clientBuilder(
                  new DynamoDbLedger.Settings(dynalite.endpoint(), TABLE, false, Region.US_EAST_1))
              .credentialsProvider(credentials);
      dynamoBuilder.overrideConfiguration(
          dynamoBuilder.overrideConfiguration().toBuilder()
              .addExecutionInterceptor(dynamoCalls)
              .build());
      dynamo = dynamoBuilder.build();
      DynamoDbLedger dynamoLedger = new DynamoDbLedger(dynamo, TABLE);
      dynamoLedger.ensureTable();
      ledger = dynamoLedger;
      store = new DynamoDbPolicyStore(dynamo, TABLE);
      spenderDynamo = DynaliteClients.of(dynalite);
      spenderLedger = new DynamoDbLedger(spenderDynamo, TABLE);
    } else {
      ledger = new InMemoryLedger();
      spenderLedger = ledger;
      store = new InMemoryPolicyStore();
    }

    api = new MockApiServer();
    // What create() reads: table (default), refresh interval, leader election, event namespace.
    OperatorConfig config =
        OperatorConfig.defaults().withStatusRefreshInterval(refresh).withLeaderElection(false);
    Operator operator =
        CostSentryOperator.create(api.operatorClient(), bedrock, store, ledger, config);
    progress("starting the operator");
    operator.start();
    cpu = new CpuMeter();
    int threads = operator.getConfigurationService().concurrentReconciliationThreads();

    List<String> costCenters =
        IntStream.range(0, budgets).mapToObj(OperatorFixtures::budgetName).toList();
    int active = (int) Math.round(budgets * Math.max(0, Math.min(1, activeFraction)));
    Spender spender = new Spender(spenderLedger, costCenters.subList(0, active), spendEvery);
    report =
        new OperatorReport(
            budgets,
            aliases,
            refresh,
            settle,
            readyTimeout,
            ledgerKind == LedgerKind.dynalite,
            out);
    try {
      report.header(threads, cpu.seesDynalite());
      run(spender, active);
    } finally {
      spender.close();
      operator.stop();
      api.close();
      bedrock.close();
      simulator.close();
      if (dynamo != null) {
        dynamo.close();
      }
      if (spenderDynamo != null) {
        spenderDynamo.close();
      }
      if (dynalite != null) {
        dynalite.close();
      }
    }
    return 0;
  }

  private void run(Spender spender, int active) throws Exception {
    Mark start = mark();
    progress("creating " + aliases + " ModelAliases and " + budgets + " CostCenterBudgets");
    create();
    Mark created = mark();

    List<Progress> timeline = new ArrayList<>();
    double aliasesAt = Double.NaN;
    double budgetsAt = Double.NaN;
    double profilesAt = Double.NaN;
    long deadline = start.nanos() + readyTimeout.toNanos();
    long nextProgress = start.nanos();
    Mark lastProgress = start;
    Progress.Readiness r = new Progress.Readiness(0, 0, 0);
    while (System.nanoTime() < deadline) {
      r = readiness(start.nanos());
      double t = OperatorReport.seconds(System.nanoTime() - start.nanos());
      if (Double.isNaN(aliasesAt) && r.aliases() == aliases) {
        aliasesAt = t;
      }
      if (Double.isNaN(budgetsAt) && r.budgets() == budgets) {
        budgetsAt = t;
      }
      if (Double.isNaN(profilesAt) && r.profiles() == budgets) {
        profilesAt = t;
      }
      boolean done = r.aliases() == aliases && r.profiles() == budgets;
      if (System.nanoTime() >= nextProgress || done) {
        Mark now = mark();
        timeline.add(progressRow(start, lastProgress, now, r));
        lastProgress = now;
        nextProgress += progressEvery.toNanos();
      }
      if (done) {
        break;
      }
      Thread.sleep(poll);
    }
    Mark ready = mark();
    boolean allReady = r.aliases() == aliases && r.profiles() == budgets;
    report.ready(
        start,
        created,
        ready,
        aliasesAt,
        budgetsAt,
        profilesAt,
        r,
        simulator.profiles().size(),
        timeline,
        List.copyOf(readyAt.values()));

    progress(
        "steady state: "
            + active
            + " budgets with spend, settle "
            + settle.toSeconds()
            + " s, then a "
            + steadyWindow.toSeconds()
            + " s window");
    spender.start();
    Thread.sleep(settle);
    Mark s0 = mark();
    long spent0 = spender.requests();
    List<Progress> steadyTimeline = new ArrayList<>();
    Mark last = s0;
    long end = s0.nanos() + steadyWindow.toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(
          Math.min(progressEvery.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      Mark now = mark();
      steadyTimeline.add(progressRow(s0, last, now, readiness(start.nanos())));
      last = now;
    }
    Mark s1 = mark();
    long spent = spender.requests() - spent0;
    report.steady(s0, s1, allReady, active, spent, spender.failures(), steadyTimeline);
    report.line("Load average at the end: " + OperatorReport.loadAverage() + ".");
  }

  // --- phases

  private void create() throws Exception {
    KubernetesClient client = api.benchClient();
    createAll(client, IntStream.range(0, aliases).mapToObj(OperatorFixtures::alias).toList());
    createAll(client, IntStream.range(0, budgets).mapToObj(OperatorFixtures::budget).toList());
  }

  private void createAll(KubernetesClient client, List<? extends HasMetadata> resources)
      throws Exception {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, creators), Thread.ofPlatform().name("bench-create-", 0).factory());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (HasMetadata resource : resources) {
        done.add(pool.submit(() -> client.resource(resource).create()));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private Progress.Readiness readiness(long startNanos) {
    KubernetesClient client = api.benchClient();
    List<ModelAlias> as = client.resources(ModelAlias.class).list().getItems();
    List<CostCenterBudget> bs = client.resources(CostCenterBudget.class).list().getItems();
    int aliasesReady = (int) as.stream().filter(OperatorFixtures::aliasReady).count();
    int budgetsReady = (int) bs.stream().filter(OperatorFixtures::budgetReady).count();
    int profilesReady = 0;
    double t = OperatorReport.seconds(System.nanoTime() - startNanos);
    for (CostCenterBudget b : bs) {
      if (OperatorFixtures.budgetProfilesReady(b, aliases)) {
        profilesReady++;
        readyAt.putIfAbsent(b.getMetadata().getName(), t);
      }
    }
    return new Progress.Readiness(aliasesReady, budgetsReady, profilesReady);
  }

  private Mark mark() {
    return new Mark(
        System.nanoTime(),
        api.requests(),
        Counts.Snapshot.of(simulator.callCounts()),
        bedrockCalls.items(),
        bedrockCalls.nanos(),
        bedrockCalls.calls(),
        dynamoCalls.calls(),
        dynamoCalls.nanos(),
        cpu.sample());
  }

  private Progress progressRow(Mark origin, Mark previous, Mark now, Progress.Readiness r) {
    long wall = now.nanos() - previous.nanos();
    long cpuNanos =
        now.cpu().get(CpuMeter.PROCESS)
            - previous.cpu().get(CpuMeter.PROCESS)
            + now.cpu().get(CpuMeter.DYNALITE)
            - previous.cpu().get(CpuMeter.DYNALITE);
    Counts.Snapshot bedrock = now.bedrock().minus(origin.bedrock());
    Progress p =
        new Progress(
            OperatorReport.seconds(now.nanos() - origin.nanos()),
            r.aliases(),
            r.budgets(),
            r.profiles(),
            simulator.profiles().size(),
            bedrock.total(),
            bedrock.get("ListInferenceProfiles"),
            now.bedrockItems().minus(origin.bedrockItems()).total(),
            now.dynamo().minus(origin.dynamo()).total(),
            now.k8s().minus(origin.k8s()).sum(k -> k.startsWith(MockApiServer.OPERATOR)),
            wall <= 0 ? 0 : (double) cpuNanos / wall);
    progress(
        String.format(
            Locale.ROOT,
            "t=%.0fs aliases %d/%d, budgets Ready %d, ProfilesReady %d/%d, profiles %d, Bedrock"
                + " calls %d (List pages %d), DynamoDB %d, K8s %d, %.2f cores",
            p.seconds(),
            p.aliasesReady(),
            aliases,
            p.budgetsReady(),
            p.budgetsProfilesReady(),
            budgets,
            p.profiles(),
            p.bedrockCalls(),
            p.listPages(),
            p.dynamoCalls(),
            p.k8sOperator(),
            p.cores()));
    return p;
  }

  /** Which record or counter a DynamoDB request touches, by its key. */
  static String dynamoDetail(SdkRequest request) {
    Map<String, AttributeValue> key =
        switch (request) {
          case PutItemRequest r -> r.item();
          case GetItemRequest r -> r.key();
          case DeleteItemRequest r -> r.key();
          case UpdateItemRequest r -> r.key();
          default -> null;
        };
    if (key == null) {
      return null;
    }
    String pk = key.containsKey("pk") ? key.get("pk").s() : null;
    String sk = key.containsKey("sk") ? key.get("sk").s() : null;
    if (pk == null) {
      return null;
    }
    if (pk.startsWith("config#") && sk != null) {
      int hash = sk.indexOf('#');
      return "config " + (hash < 0 ? sk : sk.substring(0, hash + 1));
    }
    int hash = pk.indexOf('#');
    return "counter " + (hash < 0 ? pk : pk.substring(0, hash + 1));
  }

  private static void progress(String s) {
    System.err.println("operator-bench: " + s);
  }

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(new CommandLine(new OperatorBench()).execute(args));
  }
}

package io.costsentry.sidecar;

import io.costsentry.core.budget.ApplicableLimit;
import io.costsentry.core.budget.BudgetEngine;
import io.costsentry.core.budget.LedgerWriter;
import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.ledger.CounterState;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.ledger.InMemoryLedger;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.usage.DailyUsageRollup;
import io.costsentry.core.usage.DynamoDbUsageStore;
import io.costsentry.core.usage.UsageRecorder;
import io.costsentry.core.usage.UsageStore;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.sidecar.config.ManifestPolicyLoader;
import io.costsentry.sidecar.config.SidecarConfig;
import io.costsentry.sidecar.config.SidecarPolicy;
import io.costsentry.sidecar.config.StorePolicySource;
import io.costsentry.sidecar.proxy.Admission;
import io.costsentry.sidecar.proxy.BedrockRuntimeProxy;
import io.costsentry.sidecar.proxy.CallerIdentity;
import io.costsentry.sidecar.proxy.Forwarder;
import io.costsentry.sidecar.proxy.Settlement;
import io.costsentry.sidecar.server.HttpServers;
import io.costsentry.sidecar.simple.SimpleInvokeApi;
import io.costsentry.sidecar.telemetry.Telemetry;
import io.costsentry.sidecar.upstream.BearerTokenSigner;
import io.costsentry.sidecar.upstream.BedrockUpstream;
import io.costsentry.sidecar.upstream.RequestSigner;
import io.costsentry.sidecar.upstream.SigV4Signer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A running sidecar: its servers, budget engine, ledger and telemetry, wired from a config. */
public final class Sidecar implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sidecar.class);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final LedgerWriter writer;
  private final BudgetEngine engine;
  private Server proxy;
  private Server admin;
  private volatile boolean ready;

  private Sidecar(LedgerWriter writer, BudgetEngine engine) {
    this.writer = writer;
    this.engine = engine;
  }

  public static Sidecar start(SidecarConfig config) throws Exception {
    return start(config, SidecarEnvironment.fromProcess());
  }

  public static Sidecar start(SidecarConfig config, SidecarEnvironment env) throws Exception {
    String region = resolveRegion(config);
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      LedgerConnection connection = openLedger(config, env, region, opened);
      PolicyStore store =
          connection.client() == null
              ? null
              : new DynamoDbPolicyStore(connection.client(), config.dynamoDbTable());
      // Reports read the rollup from the ledger table; with an in-memory ledger nobody could.
      UsageStore usage =
          connection.client() == null
              ? null
              : new DynamoDbUsageStore(connection.client(), config.dynamoDbTable());
      return start(config, env, region, connection.ledger(), store, usage, opened);
    } catch (Exception e) {
      for (AutoCloseable c : opened) {
        c.close();
      }
      throw e;
    }
  }

  /**
   * A sidecar on a ledger and a policy store its caller owns and closes: the sandbox runs the
   * operator and a sidecar in one process, sharing them. The config's ledger settings are unused.
   *
   * @param store where the operator's records are read when the config names no policy file
   * @param usage where the daily usage rollup for reports goes, or {@code null} for none
   */
  public static Sidecar embedded(
      SidecarConfig config,
      SidecarEnvironment env,
      Ledger ledger,
      PolicyStore store,
      UsageStore usage)
      throws Exception {
    return start(config, env, resolveRegion(config), ledger, store, usage, new ArrayList<>());
  }

  private static Sidecar start(
      SidecarConfig config,
      SidecarEnvironment env,
      String region,
      Ledger ledger,
      PolicyStore store,
      UsageStore usageStore,
      List<AutoCloseable> opened)
      throws Exception {
    long started = System.nanoTime();
    ManifestPolicyLoader loader = new ManifestPolicyLoader();
    SidecarPolicy fixedPolicy =
        config.policyFile() == null ? null : SidecarPolicy.of(loader.load(config.policyFile()));
    if (fixedPolicy == null && store == null) {
      throw new IllegalArgumentException(
          "the in-memory ledger holds no operator records: give the budgets in a file"
              + " (COSTSENTRY_CONFIG / --config), or use the dynamodb ledger");
    }
    LedgerWriter writer = new LedgerWriter();
    BudgetEngine engine =
        new BudgetEngine(
            ledger, writer, Clock.systemUTC(), config.holdTtl(), Sidecar::logThreshold);
    Sidecar sidecar = new Sidecar(writer, engine);
    sidecar.resources.addAll(opened);
    ScheduledExecutorService maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("costsentry-maintenance").unstarted(r));
    sidecar.resources.add(maintenance::shutdownNow);
    PolicySource policies =
        fixedPolicy != null
            ? PolicySource.fixed(fixedPolicy)
            : PolicySource.fromStore(
                new StorePolicySource(store, config.costCenter(), loader),
                maintenance,
                config.policyRefresh());
    UsageRecorder usage =
        usageStore == null ? UsageRecorder.NONE : new DailyUsageRollup(usageStore, writer);
    try {
      sidecar.wire(config, env, policies, region, maintenance, usage);
    } catch (Exception e) {
      sidecar.close();
      throw e;
    }
    log.info(
        "CostSentry sidecar ready in {} ms: proxy on {}, admin on {}, cost center '{}', {}"
            + " aliases, policies from {}, ledger {}",
        (System.nanoTime() - started) / 1_000_000,
        sidecar.proxyPort(),
        HttpServers.port(sidecar.admin),
        config.costCenter(),
        policies.current().get().policies().aliases().size(),
        fixedPolicy != null ? config.policyFile() : "the operator's records",
        ledger.getClass().getSimpleName());
    return sidecar;
  }

  /** Where the policy in force comes from, and whether one has been loaded yet. */
  private record PolicySource(Supplier<SidecarPolicy> current, BooleanSupplier loaded) {
    static PolicySource fixed(SidecarPolicy policy) {
      return new PolicySource(() -> policy, () -> true);
    }

    static PolicySource fromStore(
        StorePolicySource store, ScheduledExecutorService scheduler, Duration every) {
      store.refresh();
      scheduler.scheduleWithFixedDelay(
          store::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
      return new PolicySource(store, store::loaded);
    }
  }

  private record LedgerConnection(Ledger ledger, DynamoDbClient client) {}

  private void wire(
      SidecarConfig config,
      SidecarEnvironment env,
      PolicySource policies,
      String region,
      ScheduledExecutorService maintenance,
      UsageRecorder usage)
      throws Exception {
    URI endpoint =
        config.bedrockEndpoint() != null
            ? config.bedrockEndpoint()
            : URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
    RequestSigner signer =
        env.bedrockBearerToken() != null
            ? new BearerTokenSigner(env.bedrockBearerToken())
            : new SigV4Signer(env.credentials(), region);
    BedrockUpstream upstream = new BedrockUpstream(endpoint, signer, config.upstreamTimeout());
    resources.add(upstream);

    Telemetry telemetry =
        Telemetry.of(config.metrics(), env.stdout(), region, env.credentials(), writer::pending);
    resources.add(telemetry.sink());

    Settlement settlement = new Settlement(engine, usage);
    Admission admission = new Admission(policies.current(), engine);
    Forwarder forwarder = new Forwarder(upstream, settlement);
    CallerIdentity identity =
        new CallerIdentity(config.costCenter(), config.applicationId(), config.environment());
    proxy =
        HttpServers.proxy(
            config.listen(),
            new BedrockRuntimeProxy(admission, forwarder, settlement, config.logPrompts()),
            new SimpleInvokeApi(admission, forwarder, settlement, config.logPrompts()),
            identity,
            config.maxRequestBytes(),
            telemetry.sink());
    admin =
        HttpServers.admin(
            config.adminListen(),
            telemetry.prometheus(),
            () -> ready && policies.loaded().getAsBoolean());
    admin.start();
    proxy.start();

    long every = Math.max(1, Math.min(60, config.holdTtl().toSeconds() / 4));
    maintenance.scheduleWithFixedDelay(engine::reclaimExpiredHolds, every, every, TimeUnit.SECONDS);
    ready = true;
  }

  private static LedgerConnection openLedger(
      SidecarConfig config, SidecarEnvironment env, String region, List<AutoCloseable> opened) {
    if (config.ledger() == LedgerKind.MEMORY) {
      return new LedgerConnection(new InMemoryLedger(), null);
    }
    DynamoDbLedger.Settings settings =
        new DynamoDbLedger.Settings(
            config.dynamoDbEndpoint(),
            config.dynamoDbTable(),
            config.createTable(),
            Region.of(region),
            config.ledgerTimeout());
    DynamoDbClient client =
        DynamoDbLedger.clientBuilder(settings).credentialsProvider(env.credentials()).build();
    opened.add(client);
    DynamoDbLedger ledger = new DynamoDbLedger(client, settings.tableName());
    if (config.createTable()) {
      ledger.ensureTable();
    }
    return new LedgerConnection(ledger, client);
  }

  private static String resolveRegion(SidecarConfig config) {
    if (config.region() != null) {
      return config.region();
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
    } catch (SdkClientException e) {
      throw new IllegalArgumentException(
          "no AWS region: set AWS_REGION (or COSTSENTRY_REGION / --region)");
    }
  }

  private static void logThreshold(ApplicableLimit limit, int threshold, CounterState state) {
    log.warn(
        "{} limit '{}' reached {}% of its {} window ({} of {})",
        limit.owner().describe(),
        limit.policy().name(),
        threshold,
        limit.policy().period().manifestName(),
        state.committed(),
        limit.policy().amount());
  }

  /** The proxy's port (useful when configured with port 0). */
  public int proxyPort() {
    return HttpServers.port(proxy);
  }

  public int adminPort() {
    return HttpServers.port(admin);
  }

  /** Ledger writes (settlements, releases, usage rollups) not yet taken by the ledger. */
  public long pendingLedgerWrites() {
    return writer.pending();
  }

  /** Stops taking requests, lets in-flight ones finish, then flushes ledger writes. */
  @Override
  public void close() {
    ready = false;
    stop(proxy);
    stop(admin);
    try {
      writer.drain(Duration.ofSeconds(20));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
    for (AutoCloseable resource : resources.reversed()) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("error while closing {}", resource, e);
      }
    }
  }

  private static void stop(Server server) {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("error while stopping a server", e);
    }
  }
}

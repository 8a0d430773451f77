package io.costsentry.operator.it;

import static io.costsentry.operator.it.Manifests.HAIKU;
import static io.costsentry.operator.it.Manifests.NOVA;
import static io.costsentry.operator.it.Manifests.alias;
import static io.costsentry.operator.it.Statuses.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.costsentry.operator.AdminServer;
import io.costsentry.operator.CostSentryOperator;
import io.costsentry.operator.Leadership;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.OperatorHealth;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas on one API server, one Lease: only the holder reconciles, the standby is
 * ready but idle, and takes over within the lease duration once the leader stops. The mock API
 * server keeps the Lease in CRUD mode (create, get, update with resourceVersion checks) and answers
 * JOSDK's permission check with the documented Role.
 */
class LeaderElectionIT {
  private static final String LEASE = "costsentry-operator-it";
  private static final Duration LEASE_DURATION = Duration.ofSeconds(4);

  private MockCluster cluster;
  private KubernetesClient client;
  private Statuses statuses;
  private ItParts parts;
  private Replica a;
  private Replica b;

  /** One operator process: its own client, Bedrock call counter and leadership. */
  private record Replica(
      Operator operator, CountingProfiles bedrock, Leadership leadership, AtomicInteger lost) {}

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    client = cluster.client();
    statuses = new Statuses(client);
    parts = ItParts.start();
  }

  @AfterEach
  void stop() {
    for (Replica r : new Replica[] {a, b}) {
      if (r != null) {
        r.operator().stop();
      }
    }
    try {
      cluster.assertOperatorStayedWithinDocumentedRbac();
    } finally {
      cluster.close();
      parts.close();
    }
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheStandbyTakesOverWhenItStops() throws Exception {
    a = replica("replica-a");
    a.operator().start();
    await().atMost(TIMEOUT).until(() -> "replica-a".equals(holder()));
    await().atMost(TIMEOUT).until(() -> a.leadership().isLeader());

    b = replica("replica-b");
    b.operator().start();
    try (AdminServer admin =
        AdminServer.start(0, () -> OperatorHealth.of(b.operator(), b.leadership()))) {
      // The standby is ready (a rollout need not wait for the Lease) but not leading.
      await().atMost(TIMEOUT).until(() -> get(admin, "/readyz").statusCode() == 200);
      assertThat(get(admin, "/metrics").body()).contains("costsentry_operator_leader 0");

      client.resource(alias("le-first", HAIKU)).create();
      statuses.awaitAliasReady("le-first", "True");
      assertThat(a.bedrock().calls()).isPositive();
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> b.bedrock().calls() == 0 && !b.leadership().isLeader());
      assertThat(holder()).isEqualTo("replica-a");

      a.operator().stop(); // without releasing the Lease, as a crashed leader would
      await().atMost(TIMEOUT).until(() -> a.lost().get() == 1); // its lease-loss action ran
      assertThat(a.leadership().isLeader()).isFalse();

      await()
          .atMost(LEASE_DURATION.multipliedBy(3))
          .until(() -> "replica-b".equals(holder()) && b.leadership().isLeader());
      client.resource(alias("le-second", NOVA)).create();
      statuses.awaitAliasReady("le-second", "True");
      assertThat(b.bedrock().calls()).isPositive();
      assertThat(get(admin, "/metrics").body()).contains("costsentry_operator_leader 1");
    }
  }

  private Replica replica(String identity) {
    CountingProfiles bedrock = new CountingProfiles(parts.bedrock());
    AtomicInteger lost = new AtomicInteger();
    Leadership leadership = new Leadership(lost::incrementAndGet);
    OperatorConfig config =
        OperatorConfig.defaults()
            .withStatusRefreshInterval(Duration.ofSeconds(1))
            .withLeaderElection(LEASE, null, identity, LEASE_DURATION);
    Operator operator =
        CostSentryOperator.create(
            cluster.operatorClient(),
            bedrock,
            parts.store(),
            parts.ledger(),
            config,
            Clock.systemUTC(),
            leadership);
    return new Replica(operator, bedrock, leadership, lost);
  }

  private String holder() {
    Lease lease = client.leases().inNamespace(MockCluster.NAMESPACE).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static HttpResponse<String> get(AdminServer admin, String path)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}

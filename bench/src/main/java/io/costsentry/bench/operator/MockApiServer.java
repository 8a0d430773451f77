package io.costsentry.bench.operator;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Fabric8 mock API server in CRUD mode with the two CRDs, as the operator's integration tests
 * run it, plus a count of every request it received: the server records each request in a queue,
 * which a thread drains (so it does not grow) and classifies by client (user agent), resource and
 * verb. The operator's client has Fabric8's default user agent; the bench's own client (creating
 * resources, polling for Ready) sends {@value #BENCH_AGENT} and is counted apart.
 */
final class MockApiServer implements AutoCloseable {
  static final String BENCH_AGENT = "costsentry-bench";
  static final String OPERATOR = "operator";
  static final String BENCH = "bench";

  /** Held so the level sticks: the mock server logs every request at INFO through JUL. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient operatorClient;
  private final KubernetesClient benchClient;
  private final Counts requests = new Counts();
  private final Thread drain;
  private volatile boolean running = true;

  MockApiServer() {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    MockWebServer web = new MockWebServer();
    server =
        new KubernetesMockServer(
            new Context(), web, new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(ModelAlias.class));
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(CostCenterBudget.class));
    Config base = server.createClient().getConfiguration();
    operatorClient = client(base, null);
    benchClient = client(base, BENCH_AGENT);
    drain = Thread.ofPlatform().daemon().name("bench-k8s-requests").start(() -> drain(web));
  }

  private static KubernetesClient client(Config base, String userAgent) {
    ConfigBuilder config = new ConfigBuilder(base);
    if (userAgent != null) {
      config.withUserAgent(userAgent);
    }
    return new KubernetesClientBuilder()
        .withConfig(config.build())
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** The client the operator runs on. */
  KubernetesClient operatorClient() {
    return operatorClient;
  }

  /** The client the bench creates and polls resources with (counted apart). */
  KubernetesClient benchClient() {
    return benchClient;
  }

  /** Requests received so far, keyed {@code "<client> <resource> <verb>"}. */
  Counts.Snapshot requests() {
    return requests.snapshot();
  }

  private void drain(MockWebServer web) {
    while (running) {
      try {
        RecordedRequest r = web.takeRequest(100, TimeUnit.MILLISECONDS);
        if (r != null) {
          requests.increment(classify(r));
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        requests.increment("unclassified");
      }
    }
  }

  static String classify(RecordedRequest r) {
    String agent = r.getHeader("User-Agent");
    String who = agent != null && agent.startsWith(BENCH_AGENT) ? BENCH : OPERATOR;
    String path = r.getPath() == null ? "" : r.getPath();
    int q = path.indexOf('?');
    String query = q < 0 ? "" : path.substring(q + 1);
    String[] segments = (q < 0 ? path : path.substring(0, q)).split("/");
    // /api/v1/namespaces/ns/events/name, /apis/group/version/kind/name/status
    String resource = "other";
    String name = null;
    String sub = null;
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.equals("modelaliases")
          || s.equals("costcenterbudgets")
          || s.equals("events")
          || s.equals("leases")) {
        resource = s;
        name = i + 1 < segments.length ? segments[i + 1] : null;
        sub = i + 2 < segments.length ? segments[i + 2] : null;
        break;
      }
    }
    String method = r.getMethod() == null ? "?" : r.getMethod().toUpperCase(java.util.Locale.ROOT);
    String verb =
        switch (method) {
          case "GET" ->
              query.contains("watch=true") || query.contains("watch=1")
                  ? "watch"
                  : name == null ? "list" : "get";
          case "POST" -> "create";
          case "PATCH", "PUT" ->
              ("status".equals(sub) ? "status-" : "") + method.toLowerCase(java.util.Locale.ROOT);
          case "DELETE" -> "delete";
          default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    return who + " " + resource + " " + verb;
  }

  @Override
  public void close() {
    running = false;
    drain.interrupt();
    operatorClient.close();
    benchClient.close();
    server.destroy();
  }
}

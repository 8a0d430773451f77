package io.costsentry.sandbox.api;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.webhook.admission.validation.Validator;
import java.util.HashMap;
import java.util.logging.Level;

/**
 * The sandbox's Kubernetes API: the Fabric8 mock server in CRUD mode on loopback, with the CRDs
 * installed, discovery answered (so {@code kubectl} works against it) and CostSentry manifests
 * checked as the API server and the validating webhook would check them.
 */
public final class EmbeddedApiServer implements AutoCloseable {
  /** Held so the level sticks: the mock server logs every request at INFO through JUL. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final CrdCatalog crds;

  private EmbeddedApiServer(KubernetesMockServer server, CrdCatalog crds) {
    this.server = server;
    this.crds = crds;
  }

  /**
   * @param port 0 for a free one
   * @param budgets the validating webhook's rule for CostCenterBudgets
   */
  public static EmbeddedApiServer start(int port, Validator<CostCenterBudget> budgets) {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    CrdCatalog crds = CrdCatalog.load();
    var responses =
        new HashMap<
            io.fabric8.mockwebserver.ServerRequest,
            java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
    SandboxDispatcher dispatcher =
        new SandboxDispatcher(
            new KubernetesMixedDispatcher(responses), crds, new ManifestAdmission(budgets));
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.start(java.net.InetAddress.getLoopbackAddress(), port);
    for (CrdCatalog.Crd crd : crds.all()) {
      server.expectCustomResource(
          new CustomResourceDefinitionContext.Builder()
              .withGroup(crd.group())
              .withVersion(crd.version())
              .withKind(crd.kind())
              .withPlural(crd.plural())
              .withScope("Cluster")
              .build());
    }
    EmbeddedApiServer api = new EmbeddedApiServer(server, crds);
    try (KubernetesClient client = api.newClient()) {
      for (CrdCatalog.Crd crd : crds.all()) {
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .resource(
                Serialization.jsonMapper()
                    .convertValue(crd.definition(), CustomResourceDefinition.class))
            .create();
      }
    }
    return api;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A client of this API server (the JDK HTTP client, as the operator uses). */
  public KubernetesClient newClient() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace("default")
            .withTrustCerts(true)
            .build();
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  public CrdCatalog crds() {
    return crds;
  }

  @Override
  public void close() {
    server.destroy();
  }
}

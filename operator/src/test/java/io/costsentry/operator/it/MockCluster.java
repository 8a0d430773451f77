package io.costsentry.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.rbac.ApiRequest;
import io.costsentry.operator.rbac.DocumentedRbac;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The Fabric8 mock API server in CRUD mode with both CRDs, answering the SelfSubjectRulesReview
 * JOSDK's leader election sends at start with the Role of {@code docs/operator-rbac.yaml} (so a
 * Role without the lease verbs fails the start, as on a real cluster), and recording every request
 * of the operator's clients (user agent {@value #OPERATOR_USER_AGENT}) to check them against the
 * documented RBAC.
 */
final class MockCluster implements AutoCloseable {
  static final String OPERATOR_USER_AGENT = "costsentry-operator-it";

  /** The namespace the mock server's clients default to: where the Lease goes. */
  static final String NAMESPACE = "test";

  private final KubernetesMockServer server;
  private final Recording recording;
  private final KubernetesClient client;
  private final List<KubernetesClient> operatorClients = new ArrayList<>();

  private MockCluster() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    recording = new Recording(new KubernetesMixedDispatcher(responses));
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, recording, false);
    server.init();
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(ModelAlias.class));
    server.expectCustomResource(
        CustomResourceDefinitionContext.fromCustomResourceType(CostCenterBudget.class));
    SelfSubjectRulesReview review =
        new SelfSubjectRulesReviewBuilder()
            .withNewSpec()
            .withNamespace(NAMESPACE)
            .endSpec()
            .withNewStatus()
            .withIncomplete(false)
            .withResourceRules(DocumentedRbac.load().roleAsResourceRules())
            .endStatus()
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review)
        .always();
    client = server.createClient();
  }

  static MockCluster start() {
    return new MockCluster();
  }

  /** The test's own client: its requests are not recorded. */
  KubernetesClient client() {
    return client;
  }

  /** A new client for an operator, whose requests are recorded; closed with the cluster. */
  KubernetesClient operatorClient() {
    KubernetesClient c =
        server.createClient(
            b -> b.editOrNewConfig().withUserAgent(OPERATOR_USER_AGENT).endConfig());
    operatorClients.add(c);
    return c;
  }

  /** Every resource request the operators made so far. */
  List<ApiRequest> operatorRequests() {
    return List.copyOf(recording.requests);
  }

  /** Fails unless {@code docs/operator-rbac.yaml} allows every request the operators made. */
  void assertOperatorStayedWithinDocumentedRbac() {
    DocumentedRbac rbac = DocumentedRbac.load();
    assertThat(operatorRequests())
        .as("API requests of the operator that docs/operator-rbac.yaml does not allow")
        .isNotEmpty()
        .allMatch(r -> rbac.allows(r, NAMESPACE));
  }

  @Override
  public void close() {
    operatorClients.forEach(KubernetesClient::close);
    client.close();
    server.destroy();
  }

  /** Delegates to the mixed dispatcher, noting the operator's requests. */
  private static final class Recording extends Dispatcher
      implements CustomResourceAware, Resetable {
    private final KubernetesMixedDispatcher delegate;
    private final Queue<ApiRequest> requests = new ConcurrentLinkedQueue<>();

    Recording(KubernetesMixedDispatcher delegate) {
      this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String agent = request.getHeader("User-Agent");
      if (agent != null && agent.startsWith(OPERATOR_USER_AGENT)) {
        ApiRequest api = ApiRequest.of(request.getMethod(), request.getPath());
        if (api != null) {
          requests.add(api);
        }
      }
      return delegate.dispatch(request);
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext rdc) {
      delegate.expectCustomResource(rdc);
    }

    @Override
    public void reset() {
      delegate.reset();
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }
  }
}

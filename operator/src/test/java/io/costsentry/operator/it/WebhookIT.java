package io.costsentry.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.chart.Chart;
import io.costsentry.operator.chart.Rendered;
import io.costsentry.operator.testing.MutableClock;
import io.costsentry.operator.webhook.AdmissionWebhooks;
import io.costsentry.operator.webhook.WebhookConfig;
import io.costsentry.operator.webhook.WebhookMetrics;
import io.costsentry.operator.webhook.certs.CertificateIssuer;
import io.costsentry.operator.webhook.certs.CertificateKeeper;
import io.costsentry.operator.webhook.certs.CertificateMode;
import io.costsentry.operator.webhook.certs.WebhookCertificate;
import io.costsentry.operator.webhook.cluster.ClusterView;
import io.costsentry.operator.webhook.injection.SidecarTemplate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admission webhooks as the API server meets them: the chart's webhook configurations in the
 * (mock) API server, the operator issuing its certificate and patching their CA bundles, and
 * AdmissionReviews sent over HTTPS trusting only that bundle and checking the Service's DNS name,
 * as the API server does. Renewal, and a second replica sharing the certificate, included.
 */
class WebhookIT {
  private static final String NAMESPACE = MockCluster.NAMESPACE;

  /**
   * The operator's clock starts 250 days back, so the first certificate is due for renewal when the
   * clock reaches today; both are valid for the TLS client, which checks against real time.
   */
  private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(250)));

  private final List<AutoCloseable> running = new ArrayList<>();
  private MockCluster cluster;
  private KubernetesClient client;
  private Rendered chart;

  @BeforeEach
  void install() {
    cluster = MockCluster.start();
    client = cluster.client();
    chart = Chart.render(NAMESPACE, null, Map.of());
    for (HasMetadata o : chart.objects()) {
      if (o instanceof MutatingWebhookConfiguration
          || o instanceof ValidatingWebhookConfiguration) {
        client.resource(o).create();
      }
    }
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("sales")
                .addToLabels("costsentry.io/cost-center", "sales")
                .endMetadata()
                .build())
        .create();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("marketing").endMetadata().build())
        .create();
    CostCenterBudget sales = Manifests.budget("sales", "sales", List.of());
    sales
        .getSpec()
        .setNamespaceSelector(
            Serialization.unmarshal(
                "{\"matchLabels\":{\"costsentry.io/cost-center\":\"sales\"}}",
                io.fabric8.kubernetes.api.model.LabelSelector.class));
    client.resource(sales).create();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
    try {
      cluster.assertOperatorStayedWithinDocumentedRbac();
    } finally {
      cluster.close();
    }
  }

  @Test
  void injectsAndRefusesOverHttpsWithTheCertificateItIssuedAndRenews() throws Exception {
    AdmissionWebhooks webhooks = startReplica();
    await().atMost(Duration.ofSeconds(30)).until(webhooks::ready);

    List<X509Certificate> bundle = caBundle();
    assertThat(bundle).hasSize(1);
    assertThat(validatingCaBundle()).isEqualTo(bundle);

    // The chart's mutating webhook path, over TLS trusting only the patched bundle.
    String path = mutating().getWebhooks().get(0).getClientConfig().getService().getPath();
    ObjectNode review = fixture("deployment-pod.json");
    JsonNode pod = review.at("/request/object").deepCopy();
    AdmissionClient.Exchange injected = post(webhooks.port(), path, review, bundle);
    assertThat(injected.response().getAllowed()).isTrue();
    Pod patched = AdmissionClient.patched(pod, injected.response());
    assertThat(patched.getSpec().getInitContainers().get(0).getName())
        .isEqualTo("costsentry-sidecar");
    assertThat(patched.getSpec().getInitContainers().get(0).getRestartPolicy()).isEqualTo("Always");

    ((ObjectNode) review.get("request")).put("namespace", "marketing");
    AdmissionClient.Exchange refused = post(webhooks.port(), path, review, bundle);
    assertThat(refused.response().getAllowed()).isFalse();
    assertThat(refused.response().getStatus().getMessage())
        .contains("CostCenterBudget sales spec.namespaceSelector")
        .contains("does not select namespace marketing");

    String budgetPath = validating().getWebhooks().get(0).getClientConfig().getService().getPath();
    AdmissionClient.Exchange duplicate =
        post(webhooks.port(), budgetPath, fixture("budget-create.json"), bundle);
    assertThat(duplicate.response().getAllowed()).isFalse();
    assertThat(duplicate.response().getStatus().getMessage())
        .contains("spec.costCenter \"sales\" already has a budget, CostCenterBudget sales");
    assertThat(webhooks.metrics().admissions(WebhookMetrics.INJECTOR, "injected")).isEqualTo(1);
    assertThat(webhooks.metrics().admissions(WebhookMetrics.INJECTOR, "refused")).isEqualTo(1);

    // A second replica serves the same certificate: the Secret is shared, not re-issued.
    String version = secret().getMetadata().getResourceVersion();
    AdmissionWebhooks second = startReplica();
    await().atMost(Duration.ofSeconds(30)).until(second::ready);
    assertThat(post(second.port(), path, fixture("deployment-pod.json"), bundle).leaf())
        .isEqualTo(injected.leaf());
    assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);

    // Two thirds into its life the certificate is renewed; the old CA stays trusted meanwhile.
    clock.advance(Duration.ofDays(250));
    assertThat(clock.instant()).isBeforeOrEqualTo(Instant.now());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> caBundle().size() == 2 && validatingCaBundle().size() == 2);
    List<X509Certificate> renewed = caBundle();
    assertThat(renewed).contains(bundle.get(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !post(webhooks.port(), path, fixture("deployment-pod.json"), renewed)
                        .leaf()
                        .equals(injected.leaf())
                    && !post(second.port(), path, fixture("deployment-pod.json"), renewed)
                        .leaf()
                        .equals(injected.leaf()));
    X509Certificate leaf =
        post(webhooks.port(), path, fixture("deployment-pod.json"), renewed).leaf();
    assertThat(leaf.getNotAfter().toInstant()).isAfter(clock.instant().plus(Duration.ofDays(300)));
    // The new leaf is not trusted by the old bundle alone: the patch had to come first.
    assertThat(signedBy(leaf, bundle.get(0))).isFalse();
  }

  @Test
  void aCertificateNotIssuedForTheServiceIsNotTrusted() throws Exception {
    AdmissionWebhooks webhooks = startReplica();
    await().atMost(Duration.ofSeconds(30)).until(webhooks::ready);
    String path = mutating().getWebhooks().get(0).getClientConfig().getService().getPath();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                post(
                    webhooks.port(),
                    path,
                    fixture("deployment-pod.json"),
                    caBundle(),
                    "costsentry-webhook.elsewhere.svc"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTPS hostname");
  }

  @Test
  void withExternalCertificatesItWaitsForCertManagersSecretAndReloadsWhenItIsRenewed()
      throws Exception {
    AdmissionWebhooks webhooks = startReplica(CertificateMode.EXTERNAL);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !webhooks.ready());

    // cert-manager writes the Secret (and its CA injector the bundle, not the operator).
    CertificateIssuer certManager = new CertificateIssuer();
    List<String> names =
        CertificateKeeper.Settings.serviceNames(chart.env("COSTSENTRY_WEBHOOK_SERVICE"), NAMESPACE);
    WebhookCertificate first =
        certManager.issue(names, Instant.now(), Duration.ofDays(90), List.of());
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(chart.env("COSTSENTRY_WEBHOOK_SECRET"))
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(first.secretData())
                .build())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(webhooks::ready);
    String path = mutating().getWebhooks().get(0).getClientConfig().getService().getPath();
    assertThat(
            post(webhooks.port(), path, fixture("deployment-pod.json"), first.caCertificates())
                .leaf())
        .isEqualTo(first.leaf());
    assertThat(caBundle()).as("the operator leaves the CA bundle to cert-manager").isEmpty();

    WebhookCertificate renewed =
        certManager.issue(names, Instant.now(), Duration.ofDays(90), List.of());
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName(chart.env("COSTSENTRY_WEBHOOK_SECRET"))
        .edit(s -> new SecretBuilder(s).withData(renewed.secretData()).build());
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                post(
                        webhooks.port(),
                        path,
                        fixture("deployment-pod.json"),
                        renewed.caCertificates())
                    .leaf()
                    .equals(renewed.leaf()));
    assertThat(WebhookCertificate.fromSecret(secret())).contains(renewed);
  }

  // --- helpers

  private AdmissionWebhooks startReplica() {
    return startReplica(CertificateMode.SELF_SIGNED);
  }

  private AdmissionWebhooks startReplica(CertificateMode certificates) {
    KubernetesClient operatorClient = cluster.operatorClient();
    ClusterView view = ClusterView.start(operatorClient);
    running.add(view);
    WebhookConfig config =
        new WebhookConfig(
            0,
            NAMESPACE,
            certificates,
            chart.env("COSTSENTRY_WEBHOOK_SECRET"),
            chart.env("COSTSENTRY_WEBHOOK_SERVICE"),
            chart.env("COSTSENTRY_MUTATING_WEBHOOK"),
            chart.env("COSTSENTRY_VALIDATING_WEBHOOK"),
            Duration.ofDays(365),
            Duration.ofMillis(200),
            SidecarTemplate.defaults("us-east-1", "costsentry-ledger", null));
    AdmissionWebhooks webhooks =
        AdmissionWebhooks.start(operatorClient, view, config, new WebhookMetrics(), clock);
    running.add(webhooks);
    return webhooks;
  }

  private AdmissionClient.Exchange post(
      int port, String path, ObjectNode review, List<X509Certificate> trusted) throws Exception {
    return AdmissionClient.post(port, path, review, trusted, service());
  }

  private static AdmissionClient.Exchange post(
      int port, String path, ObjectNode review, List<X509Certificate> trusted, String serviceName)
      throws Exception {
    return AdmissionClient.post(port, path, review, trusted, serviceName);
  }

  private String service() {
    return chart.env("COSTSENTRY_WEBHOOK_SERVICE") + "." + NAMESPACE + ".svc";
  }

  private MutatingWebhookConfiguration mutating() {
    return client
        .admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .withName(chart.env("COSTSENTRY_MUTATING_WEBHOOK"))
        .get();
  }

  private ValidatingWebhookConfiguration validating() {
    return client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(chart.env("COSTSENTRY_VALIDATING_WEBHOOK"))
        .get();
  }

  /** The CA bundle every mutating webhook carries (they must all carry the same). */
  private List<X509Certificate> caBundle() throws Exception {
    return AdmissionClient.caBundle(
        mutating().getWebhooks().stream().map(w -> w.getClientConfig()));
  }

  private List<X509Certificate> validatingCaBundle() throws Exception {
    return AdmissionClient.caBundle(
        validating().getWebhooks().stream().map(w -> w.getClientConfig()));
  }

  private Secret secret() {
    return client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName(chart.env("COSTSENTRY_WEBHOOK_SECRET"))
        .get();
  }

  private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static ObjectNode fixture(String name) throws Exception {
    try (InputStream in = WebhookIT.class.getResourceAsStream("/admission/" + name)) {
      return (ObjectNode) Serialization.jsonMapper().readTree(in);
    }
  }
}

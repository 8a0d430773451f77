package io.costsentry.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.config.DynamoDbPolicyStore;
import io.costsentry.core.ledger.DynamoDbLedger;
import io.costsentry.core.testing.DynaliteClients;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.CostSentryOperator;
import io.costsentry.operator.OperatorConfig;
import io.costsentry.operator.bedrock.BedrockInferenceProfiles;
import io.costsentry.operator.chart.Chart;
import io.costsentry.operator.chart.Rendered;
import io.costsentry.operator.webhook.AdmissionWebhooks;
import io.costsentry.operator.webhook.WebhookConfig;
import io.costsentry.operator.webhook.WebhookMetrics;
import io.costsentry.operator.webhook.certs.CertificateMode;
import io.costsentry.operator.webhook.cluster.ClusterView;
import io.costsentry.operator.webhook.injection.SidecarTemplate;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.RecordedCall;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import io.costsentry.simulator.bedrock.controlplane.BedrockControlPlaneSimulator;
import io.costsentry.simulator.dynamodb.Dynalite;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * The walk of the chart README, end to end: the chart's webhook configurations, the operator with
 * its webhooks, {@code kubectl apply} of {@code examples/cost-centers} and {@code examples/apps};
 * the pod of the example Deployment is admitted over HTTPS and comes back with the sidecar; that
 * sidecar is started as its own process with exactly the environment the webhook gave it, and the
 * app container's SDK, pointed where the webhook pointed it, is limited by the budget.
 */
class AnnotatedPodIsLimitedIT {
  private static final String TABLE = "costsentry-ledger";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final int MAX_TOKENS = 400;

  private final List<AutoCloseable> running = new ArrayList<>();
  private MockCluster cluster;
  private Process sidecar;

  @AfterEach
  void stop() throws Exception {
    if (sidecar != null) {
      sidecar.destroy();
      sidecar.waitFor(10, TimeUnit.SECONDS);
      sidecar.destroyForcibly();
    }
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
    if (cluster != null) {
      try {
        cluster.assertOperatorStayedWithinDocumentedRbac();
      } finally {
        cluster.close();
      }
    }
  }

  @Test
  void theExampleDeploymentsPodGetsItsSidecarAndTheSupportBudgetLimitsIt() throws Exception {
    // helm install: the webhook configurations; then the operator with its webhooks.
    cluster = MockCluster.start();
    KubernetesClient kubectl = cluster.client();
    Rendered chart = Chart.render(MockCluster.NAMESPACE, null, Map.of());
    for (HasMetadata o : chart.objects()) {
      if (o instanceof MutatingWebhookConfiguration
          || o instanceof ValidatingWebhookConfiguration) {
        kubectl.resource(o).create();
      }
    }
    Dynalite dynalite = started(Dynalite.start());
    var dynamo = started(DynaliteClients.of(dynalite));
    DynamoDbLedger ledger = new DynamoDbLedger(dynamo, TABLE);
    ledger.ensureTable();
    BedrockControlPlaneSimulator controlPlane = started(BedrockControlPlaneSimulator.start());
    BedrockSimulator runtime = started(BedrockSimulator.start(SimulatorOptions.defaults()));
    BedrockInferenceProfiles profiles =
        started(
            BedrockInferenceProfiles.create(
                Region.US_EAST_1,
                controlPlane.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDOP", "op"))));
    KubernetesClient operatorClient = cluster.operatorClient();
    Operator operator =
        CostSentryOperator.create(
            operatorClient,
            profiles,
            new DynamoDbPolicyStore(dynamo, TABLE),
            ledger,
            OperatorConfig.defaults()
                .withLeaderElection(false)
                .withStatusRefreshInterval(Duration.ofSeconds(1)));
    operator.start();
    running.add(operator::stop);
    ClusterView view = started(ClusterView.start(operatorClient));
    AdmissionWebhooks webhooks =
        started(
            AdmissionWebhooks.start(
                operatorClient,
                view,
                new WebhookConfig(
                    0,
                    MockCluster.NAMESPACE,
                    CertificateMode.SELF_SIGNED,
                    chart.env("COSTSENTRY_WEBHOOK_SECRET"),
                    chart.env("COSTSENTRY_WEBHOOK_SERVICE"),
                    chart.env("COSTSENTRY_MUTATING_WEBHOOK"),
                    chart.env("COSTSENTRY_VALIDATING_WEBHOOK"),
                    null,
                    null,
                    // As the chart sets them: the operator's region, table and endpoints.
                    new SidecarTemplate(
                        SidecarTemplate.DEFAULT_IMAGE,
                        "IfNotPresent",
                        "100m",
                        "192Mi",
                        null,
                        "256Mi",
                        SidecarTemplate.DEFAULT_PORT,
                        SidecarTemplate.DEFAULT_ADMIN_PORT,
                        "us-east-1",
                        TABLE,
                        dynalite.endpoint(),
                        runtime.endpoint())),
                new WebhookMetrics(),
                Clock.systemUTC()));
    await().atMost(TIMEOUT).until(webhooks::ready);

    // kubectl apply -f examples/cost-centers/ -f examples/apps/namespaces.yaml, with the support
    // budget's per-minute tokens tightened so a few calls reach it.
    for (HasMetadata o : documents(EXAMPLES.resolve("cost-centers/model-aliases.yaml"))) {
      kubectl.resource(o).create();
    }
    for (HasMetadata o : documents(EXAMPLES.resolve("apps/namespaces.yaml"))) {
      kubectl.resource(o).create();
    }
    CostCenterBudget support =
        (CostCenterBudget) documents(EXAMPLES.resolve("cost-centers/support.yaml")).get(0);
    limit(support, "tokens-per-minute").setMaxTotalTokens(2_000L);
    kubectl.resource(support).create();
    CostCenterBudget ready =
        await()
            .atMost(TIMEOUT)
            .until(
                () -> kubectl.resources(CostCenterBudget.class).withName("support").get(),
                b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    String profileArn = ready.getStatus().getInferenceProfiles().get(0).getArn();

    // The ReplicaSet creates the Deployment's pod: the API server asks the webhook.
    Deployment deployment =
        (Deployment)
            documents(EXAMPLES.resolve("apps/ticket-summarizer.yaml")).stream()
                .filter(Deployment.class::isInstance)
                .findFirst()
                .orElseThrow();
    JsonNode pod = podOf(deployment);
    MutatingWebhookConfiguration mutating =
        kubectl
            .admissionRegistration()
            .v1()
            .mutatingWebhookConfigurations()
            .withName(chart.env("COSTSENTRY_MUTATING_WEBHOOK"))
            .get();
    List<X509Certificate> bundle =
        AdmissionClient.caBundle(mutating.getWebhooks().stream().map(w -> w.getClientConfig()));
    AdmissionResponse admitted =
        AdmissionClient.post(
                webhooks.port(),
                mutating.getWebhooks().get(0).getClientConfig().getService().getPath(),
                review(pod, deployment.getMetadata().getNamespace()),
                bundle,
                chart.env("COSTSENTRY_WEBHOOK_SERVICE") + "." + MockCluster.NAMESPACE + ".svc")
            .response();
    assertThat(admitted.getAllowed()).isTrue();
    Pod injected = AdmissionClient.patched(pod, admitted);
    Container sidecarContainer = injected.getSpec().getInitContainers().get(0);
    assertThat(sidecarContainer.getName()).isEqualTo("costsentry-sidecar");
    Container app = injected.getSpec().getContainers().get(0);
    String endpoint = env(app).get("AWS_ENDPOINT_URL_BEDROCK_RUNTIME");
    assertThat(endpoint).isEqualTo("http://127.0.0.1:8787");

    // The kubelet starts the sidecar with its environment; the test host is shared, so its two
    // ports are moved to free ones (a pod has a network namespace of its own).
    int proxyPort = freePort();
    int adminPort = freePort();
    Map<String, String> sidecarEnv = env(sidecarContainer);
    assertThat(sidecarEnv)
        .containsEntry("COSTSENTRY_COST_CENTER", "support")
        .containsEntry("COSTSENTRY_APPLICATION_ID", "ticket-summarizer")
        .containsEntry("COSTSENTRY_ENVIRONMENT", "prod")
        .containsEntry("COSTSENTRY_LISTEN", "127.0.0.1:8787")
        .containsEntry("COSTSENTRY_ADMIN_LISTEN", "0.0.0.0:9797");
    sidecarEnv.put("COSTSENTRY_LISTEN", "127.0.0.1:" + proxyPort);
    sidecarEnv.put("COSTSENTRY_ADMIN_LISTEN", "127.0.0.1:" + adminPort);
    // What IRSA / Pod Identity would give the pod's containers: the role Bedrock accepts.
    sidecarEnv.put("AWS_ACCESS_KEY_ID", SimulatorOptions.DEFAULT_ACCESS_KEY_ID);
    sidecarEnv.put("AWS_SECRET_ACCESS_KEY", SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY);
    Path log = Path.of("target", "annotated-pod-sidecar.log");
    sidecar = startSidecar(sidecarEnv, log);
    String startup = sidecarContainer.getStartupProbe().getHttpGet().getPath();
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> answers("http://127.0.0.1:" + adminPort + startup));

    // The app's SDK, unchanged, sends to where the webhook pointed it.
    try (BedrockRuntimeClient sdk =
        BedrockRuntimeClient.builder()
            .endpointOverride(URI.create(endpoint.replace(":8787", ":" + proxyPort)))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAPP", "app")))
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build()) {
      ThrottlingException denied = null;
      int served = 0;
      for (int i = 1; i <= 20 && denied == null; i++) {
        try {
          sdk.converse(converse("ticket " + i));
          served++;
        } catch (ThrottlingException e) {
          denied = e;
        }
      }
      assertThat(served).as("calls served before the limit").isGreaterThan(0);
      assertThat(denied).as("a call refused by the support budget").isNotNull();
      assertThat(denied.statusCode()).isEqualTo(429);
      assertThat(denied.awsErrorDetails().errorMessage())
          .contains("budget 'support'")
          .contains("limit 'tokens-per-minute'");
    }

    // Served calls went to the support cost center's inference profile, tagged by the sidecar.
    List<RecordedCall> calls =
        runtime.calls().stream().filter(c -> c.bodyAsString().contains("ticket ")).toList();
    assertThat(calls).isNotEmpty().allMatch(c -> profileArn.equals(c.modelId()));
    await()
        .atMost(TIMEOUT)
        .until(
            () -> Files.exists(log) && Files.readString(log).contains("\"decision\":\"DENIED\""));
    assertThat(Files.readAllLines(log))
        .filteredOn(l -> l.contains("\"type\":\"costsentry.audit\""))
        .isNotEmpty()
        .allMatch(l -> l.contains("\"costCenter\":\"support\""))
        .allMatch(l -> l.contains("\"applicationId\":\"ticket-summarizer\""));
    // And the budget's status shows the usage.
    await()
        .atMost(TIMEOUT)
        .until(
            () -> kubectl.resources(CostCenterBudget.class).withName("support").get(),
            b -> limitStatus(b, "tokens-per-minute").getPercent() > 0);
  }

  // --- helpers

  private <T> T started(T part) {
    if (part instanceof AutoCloseable c) {
      running.add(c);
    }
    return part;
  }

  /**
   * {@code java -cp <the test classpath> SidecarMain}, with only {@code env} in its environment.
   */
  private static Process startSidecar(Map<String, String> env, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "io.costsentry.sidecar.SidecarMain");
    pb.environment().clear();
    pb.environment().put("PATH", Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin"));
    pb.environment().putAll(env);
    Files.createDirectories(log.getParent());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  private static boolean answers(String url) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static ConverseRequest converse(String text) {
    return ConverseRequest.builder()
        .modelId("claude-3-5-haiku")
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text + " [[sim:output=" + MAX_TOKENS + "]]"))
                .build())
        .inferenceConfig(c -> c.maxTokens(MAX_TOKENS))
        .build();
  }

  /** The pod a ReplicaSet makes from the template: generateName, no name, no namespace yet. */
  private static JsonNode podOf(Deployment d) {
    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    pod.setMetadata(d.getSpec().getTemplate().getMetadata());
    pod.getMetadata().setGenerateName(d.getMetadata().getName() + "-7d9c6b5f8-");
    pod.setSpec(d.getSpec().getTemplate().getSpec());
    return Serialization.jsonMapper().valueToTree(pod);
  }

  private static ObjectNode review(JsonNode pod, String namespace) throws IOException {
    ObjectNode review;
    try (InputStream in =
        AnnotatedPodIsLimitedIT.class.getResourceAsStream("/admission/deployment-pod.json")) {
      review = (ObjectNode) Serialization.jsonMapper().readTree(in);
    }
    ObjectNode request = (ObjectNode) review.get("request");
    request.put("namespace", namespace);
    request.set("object", pod);
    return review;
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .collect(
            Collectors.toMap(
                EnvVar::getName, EnvVar::getValue, (a, b) -> b, java.util.LinkedHashMap::new));
  }

  /** The documents of a multi-document example, as typed resources. */
  private static List<HasMetadata> documents(Path file) throws IOException {
    return Arrays.stream(Files.readString(file).split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
        .map(
            doc -> {
              String kind =
                  doc.lines().filter(l -> l.startsWith("kind:")).findFirst().orElseThrow();
              Class<? extends HasMetadata> type =
                  switch (kind.substring(5).strip()) {
                    case "ModelAlias" -> ModelAlias.class;
                    case "CostCenterBudget" -> CostCenterBudget.class;
                    case "Namespace" -> Namespace.class;
                    case "Deployment" -> Deployment.class;
                    default -> null;
                  };
              return type == null ? null : (HasMetadata) Serialization.unmarshal(doc, type);
            })
        .filter(Objects::nonNull)
        .toList();
  }

  private static io.costsentry.crds.v1alpha1.BudgetLimit limit(CostCenterBudget b, String name) {
    return b.getSpec().getLimits().stream()
        .filter(l -> l.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static LimitStatus limitStatus(CostCenterBudget b, String name) {
    return b.getStatus().getLimits().stream()
        .filter(l -> l.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static boolean isTrue(CostCenterBudget b, String type) {
    if (b == null || b.getStatus() == null || b.getStatus().getConditions() == null) {
      return false;
    }
    return b.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .map(Condition::getStatus)
        .anyMatch("True"::equals);
  }
}

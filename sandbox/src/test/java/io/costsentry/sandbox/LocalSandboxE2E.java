package io.costsentry.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * The sandbox as a newcomer uses it: started as {@code costsentry local} starts it, then driven
 * only through what it hands out — the kubeconfig it wrote (as kubectl would) and the Bedrock
 * endpoint of its sidecar (as any AWS SDK would).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSandboxE2E {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String COST_CENTER = "e2e";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static final ByteArrayOutputStream auditBytes = new ByteArrayOutputStream();
  private static Sandbox sandbox;
  private static KubernetesClient kubectl;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws Exception {
    kubeconfig = dir.resolve("costsentry-local.kubeconfig");
    SandboxConfig config =
        new SandboxConfig(
            0,
            0,
            0,
            kubeconfig,
            COST_CENTER,
            "e2e-app",
            "test",
            SandboxConfig.LedgerChoice.MEMORY,
            true);
    sandbox = Sandbox.start(config, new PrintStream(auditBytes, true, StandardCharsets.UTF_8));
    // What `KUBECONFIG=costsentry-local.kubeconfig kubectl ...` would use.
    kubectl =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .withHttpClientFactory(new JdkHttpClientFactory())
            .build();
  }

  @AfterAll
  static void stop() {
    if (kubectl != null) {
      kubectl.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  @Order(1)
  void theExamplesAreReconciledAndDiscoveryAnswersAsKubectlNeedsIt() throws Exception {
    assertThat(sandbox.exampleBudgets()).containsExactly("sales", "services", "support");
    assertThat(kubectl.resources(CostCenterBudget.class).list().getItems())
        .extracting(b -> b.getMetadata().getName())
        .contains("sales", "services", "support");
    assertThat(kubectl.apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .contains("costcenterbudgets.costsentry.io", "modelaliases.costsentry.io");

    JsonNode groups = get("/apis", null);
    assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
    assertThat(groups.findValuesAsText("name")).contains("costsentry.io");
    JsonNode resources = get("/apis/costsentry.io/v1alpha1", null);
    assertThat(resources.toString()).contains("\"costcenterbudgets\"", "\"ccb\"", "\"ma\"");
    assertThat(get("/api", null).path("versions").toString()).contains("v1");
    assertThat(get("/version", null).path("major").asText()).isEqualTo("1");
  }

  @Test
  @Order(2)
  void anAppliedBudgetIsReconciledIntoAProfileAndReachesTheSidecar() {
    kubectl
        .resource(
            io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                """
                apiVersion: costsentry.io/v1alpha1
                kind: CostCenterBudget
                metadata:
                  name: e2e
                spec:
                  namespaceSelector: {}
                  limits:
                    - name: tokens-per-minute
                      period: Minute
                      maxTotalTokens: 3000
                    - name: daily-cost
                      period: Day
                      maxCostUSD: 5
                  inferenceProfiles:
                    enabled: true
                    aliases: [claude-3-5-haiku]
                """,
                CostCenterBudget.class))
        .create();
    CostCenterBudget ready = awaitBudget(b -> isTrue(b, "Ready") && isTrue(b, "ProfilesReady"));
    assertThat(ready.getSpec().getEnforcement())
        .as("the schema's default, applied by the API server")
        .isNotNull();
    assertThat(ready.getStatus().getInferenceProfiles())
        .singleElement()
        .satisfies(p -> assertThat(p.getArn()).contains(":application-inference-profile/"));
  }

  @Test
  @Order(3)
  void invalidManifestsAreRefusedNamingTheField() {
    // Sent untyped, as kubectl sends them: the API server is what refuses them.
    KubernetesClientException weekly =
        refusalOf(
            """
            apiVersion: costsentry.io/v1alpha1
            kind: CostCenterBudget
            metadata:
              name: weekly
            spec:
              limits:
                - name: weekly-cost
                  period: Weekly
                  maxCostUSD: 5
            """);
    assertThat(weekly.getCode()).isEqualTo(422);
    assertThat(weekly.getMessage())
        .contains("CostCenterBudget.costsentry.io \"weekly\" is invalid")
        .contains("spec.limits[0].period")
        .contains("Weekly");
    assertThat(
            refusalOf(
                    """
                    apiVersion: costsentry.io/v1alpha1
                    kind: ModelAlias
                    metadata:
                      name: no-model
                    spec:
                      maxOutputTokens: 100
                    """)
                .getMessage())
        .contains("spec.modelId");
    // The validating webhook's rule: one budget per cost center.
    assertThat(
            refusalOf(
                    """
                    apiVersion: costsentry.io/v1alpha1
                    kind: CostCenterBudget
                    metadata:
                      name: e2e-again
                    spec:
                      costCenter: e2e
                      limits:
                        - name: daily-cost
                          period: Day
                          maxCostUSD: 5
                    """)
                .getMessage())
        .contains("spec.costCenter \"e2e\" already has a budget, CostCenterBudget e2e");
    // An edit (merge patch) is checked on its result too.
    assertThatThrownBy(
            () ->
                kubectl
                    .resources(CostCenterBudget.class)
                    .withName("e2e")
                    .edit(
                        b -> {
                          b.getSpec().getLimits().get(0).setMaxTotalTokens(-1L);
                          return b;
                        }))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> assertThat(e.getMessage()).contains("spec.limits[0].maxTotalTokens"));
  }

  @Test
  @Order(4)
  void aMergePatchReplacesListsAsTheApiServerDoes() {
    // kubectl apply of a changed manifest sends a JSON merge patch: lists are replaced, not merged.
    kubectl
        .resources(CostCenterBudget.class)
        .withName("e2e")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            """
            {"spec":{"limits":[
              {"name":"tokens-per-minute","period":"Minute","maxTotalTokens":3000},
              {"name":"daily-cost","period":"Day","maxCostUSD":6}]}}""");
    CostCenterBudget patched = kubectl.resources(CostCenterBudget.class).withName("e2e").get();
    assertThat(patched.getSpec().getLimits())
        .extracting(l -> l.getName())
        .containsExactly("tokens-per-minute", "daily-cost");
    assertThat(
            awaitBudget(
                b -> isTrue(b, "Ready") && limit(b, "daily-cost").getLimit().intValue() == 6))
        .isNotNull();
  }

  @Test
  @Order(5)
  void appsOnAnyAwsSdkAreMeteredThenDeniedPastTheBudget() throws Exception {
    try (BedrockRuntimeClient sync = sync();
        BedrockRuntimeAsyncClient async = async()) {
      // The sidecar reads the new budget's records within a second.
      await()
          .atMost(TIMEOUT)
          .ignoreExceptions()
          .until(() -> sync.converse(converse("warm up", 10)).usage() != null);
      ConverseResponse viaHttp2 = async.converse(converse("over h2c", 50)).get();
      assertThat(viaHttp2.usage().outputTokens()).isEqualTo(50);

      ThrottlingException denied = null;
      for (int i = 0; i < 30 && denied == null; i++) {
        try {
          sync.converse(converse("call " + i, 400));
        } catch (ThrottlingException e) {
          denied = e;
        }
      }
      assertThat(denied).as("a call past tokens-per-minute is refused").isNotNull();
      assertThat(denied.statusCode()).isEqualTo(429);
      assertThat(denied.awsErrorDetails().errorMessage())
          .contains("budget 'e2e'")
          .contains("limit 'tokens-per-minute'");
    }
    String profileArn =
        kubectl
            .resources(CostCenterBudget.class)
            .withName("e2e")
            .get()
            .getStatus()
            .getInferenceProfiles()
            .get(0)
            .getArn();
    assertThat(sandbox.runtime().calls())
        .filteredOn(c -> c.bodyAsString().contains("call "))
        .isNotEmpty()
        .allMatch(c -> profileArn.equals(c.modelId()));
    assertThat(auditBytes.toString(StandardCharsets.UTF_8))
        .contains("\"costCenter\":\"e2e\"")
        .contains("\"decision\":\"DENIED\"");
  }

  @Test
  @Order(6)
  void kubectlGetCcbShowsSpendAndPercent() throws Exception {
    CostCenterBudget used = awaitBudget(b -> limit(b, "tokens-per-minute").getPercent() > 50);
    assertThat(limit(used, "daily-cost").getUsed()).isPositive();
    assertThat(used.getStatus().getMostUsedPercent()).isGreaterThan(50);

    // kubectl get ccb asks for a Table and prints the CRD's printer columns.
    JsonNode table =
        get(
            "/apis/costsentry.io/v1alpha1/costcenterbudgets",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    List<String> columns = table.path("columnDefinitions").findValuesAsText("name");
    assertThat(columns).contains("Name", "Cost Center", "Enforcement", "Used %", "Ready");
    JsonNode row = null;
    for (JsonNode r : table.path("rows")) {
      if ("e2e".equals(r.path("cells").path(0).asText())) {
        row = r;
      }
    }
    assertThat(row).as("a row for budget e2e").isNotNull();
    assertThat(row.path("cells").get(columns.indexOf("Used %")).asInt()).isGreaterThan(50);
    assertThat(row.path("cells").get(columns.indexOf("Cost Center")).asText()).isEqualTo("e2e");
    assertThat(row.path("cells").get(columns.indexOf("Ready")).asText()).isEqualTo("True");
  }

  // --- helpers

  /** What creating {@code yaml} fails with; fails the test if it is accepted. */
  private static KubernetesClientException refusalOf(String yaml) {
    GenericKubernetesResource manifest =
        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
            yaml, GenericKubernetesResource.class);
    try {
      kubectl.resource(manifest).create();
    } catch (KubernetesClientException e) {
      return e;
    }
    throw new AssertionError(manifest.getMetadata().getName() + " was accepted");
  }

  private static JsonNode get(String path, String accept) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + path));
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      return JSON.readTree(response.body());
    }
  }

  private static BedrockRuntimeClient sync() {
    return BedrockRuntimeClient.builder()
        .endpointOverride(sandbox.bedrockEndpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(appCredentials())
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** The async client speaks HTTP/2 cleartext to an http:// endpoint. */
  private static BedrockRuntimeAsyncClient async() {
    return BedrockRuntimeAsyncClient.builder()
        .endpointOverride(sandbox.bedrockEndpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(appCredentials())
        .build();
  }

  private static StaticCredentialsProvider appCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDAPP", "app"));
  }

  private static ConverseRequest converse(String text, int outputTokens) {
    return ConverseRequest.builder()
        .modelId("claude-3-5-haiku")
        .messages(
            Message.builder()
                .role(ConversationRole.USER)
                .content(ContentBlock.fromText(text + " [[sim:output=" + outputTokens + "]]"))
                .build())
        .inferenceConfig(c -> c.maxTokens(Math.max(outputTokens, 10)))
        .build();
  }

  private static CostCenterBudget awaitBudget(Predicate<CostCenterBudget> done) {
    return await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> kubectl.resources(CostCenterBudget.class).withName("e2e").get(), done);
  }

  private static LimitStatus limit(CostCenterBudget b, String name) {
    return b.getStatus().getLimits().stream()
        .filter(l -> l.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static boolean isTrue(CostCenterBudget b, String type) {
    return b != null
        && b.getStatus() != null
        && b.getStatus().getConditions() != null
        && b.getStatus().getConditions().stream()
            .filter(c -> c.getType().equals(type))
            .map(Condition::getStatus)
            .anyMatch("True"::equals);
  }
}

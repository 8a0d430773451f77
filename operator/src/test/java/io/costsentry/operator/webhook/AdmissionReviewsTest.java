package io.costsentry.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.budget.CostCenterOwnership;
import io.costsentry.operator.webhook.injection.BudgetDirectory;
import io.costsentry.operator.webhook.injection.SidecarInjector;
import io.costsentry.operator.webhook.injection.SidecarTemplate;
import io.costsentry.operator.webhook.validation.BudgetUniqueness;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * AdmissionReview fixtures as the API server sends them, through the framework controllers the
 * HTTPS server serves: the JSON patch of an injection is applied to the original pod and the result
 * checked, refusals carry a message naming what to fix.
 */
class AdmissionReviewsTest {
  private static final SidecarTemplate SIDECAR =
      new SidecarTemplate(
          "registry.example/costsentry-sidecar:1.2.3",
          "IfNotPresent",
          "100m",
          "192Mi",
          null,
          "256Mi",
          8787,
          9797,
          "us-east-1",
          "costsentry-ledger",
          null,
          null);

  private final List<CostCenterBudget> budgets =
      new ArrayList<>(
          List.of(
              budget(
                  "sales", "sales", "{\"matchLabels\":{\"costsentry.io/cost-center\":\"sales\"}}"),
              budget(
                  "support",
                  "support",
                  "{\"matchExpressions\":[{\"key\":\"team\",\"operator\":\"In\","
                      + "\"values\":[\"support\",\"helpdesk\"]}]}")));
  private final Map<String, Namespace> namespaces =
      Map.of(
          "sales", namespace("sales", Map.of("costsentry.io/cost-center", "sales"), Map.of()),
          "marketing", namespace("marketing", Map.of(), Map.of()),
          "helpdesk",
              namespace(
                  "helpdesk",
                  Map.of("team", "helpdesk", "costsentry.io/inject", "enabled"),
                  Map.of(
                      "costsentry.io/cost-center", "support",
                      "costsentry.io/application-id", "ticket-triage")),
          "legacy",
              namespace(
                  "legacy",
                  Map.of("costsentry.io/cost-center", "sales", "costsentry.io/inject", "disabled"),
                  Map.of()));
  private final WebhookMetrics metrics = new WebhookMetrics();
  private final Map<String, AdmissionHandler.Route> routes =
      AdmissionWebhooks.routes(
          new SidecarInjector(SIDECAR, namespaces::get, directory(), metrics),
          new BudgetUniqueness(() -> budgets, metrics));

  @Test
  void anAnnotatedPodGetsTheNativeSidecarAndEveryContainerTheEndpoint() throws IOException {
    ObjectNode review = fixture("deployment-pod.json");
    JsonNode original = review.at("/request/object").deepCopy();

    AdmissionResponse response = admitPod(review);

    assertThat(response.getAllowed()).isTrue();
    assertThat(response.getUid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.getPatchType()).isEqualTo("JSONPatch");
    JsonNode after = patchedJson(original, response);
    Pod pod = Serialization.unmarshal(after.toString(), Pod.class);

    Container sidecar = pod.getSpec().getInitContainers().get(0);
    assertThat(sidecar.getName()).isEqualTo("costsentry-sidecar");
    assertThat(sidecar.getRestartPolicy()).isEqualTo("Always");
    assertThat(sidecar.getImage()).isEqualTo("registry.example/costsentry-sidecar:1.2.3");
    assertThat(env(sidecar))
        .containsEntry("COSTSENTRY_COST_CENTER", "sales")
        .containsEntry("COSTSENTRY_APPLICATION_ID", "quote-writer")
        .containsEntry("COSTSENTRY_ENVIRONMENT", "prod")
        .containsEntry("COSTSENTRY_LISTEN", "127.0.0.1:8787")
        .containsEntry("COSTSENTRY_DYNAMODB_TABLE", "costsentry-ledger")
        .containsEntry("COSTSENTRY_DYNAMODB_CREATE_TABLE", "false")
        .containsEntry("COSTSENTRY_REGION", "us-east-1")
        .doesNotContainKey("COSTSENTRY_CONFIG");
    assertThat(sidecar.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(sidecar.getResources().getLimits()).containsOnlyKeys("memory");
    assertThat(sidecar.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(sidecar.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(sidecar.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(sidecar.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sidecar.getStartupProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(sidecar.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("cs-metrics");
              assertThat(p.getContainerPort()).isEqualTo(9797);
            });

    // The app's own init container follows the sidecar and can use it.
    assertThat(pod.getSpec().getInitContainers().get(1).getName()).isEqualTo("warm-cache");
    for (Container c :
        List.of(
            pod.getSpec().getInitContainers().get(1),
            pod.getSpec().getContainers().get(0),
            pod.getSpec().getContainers().get(1))) {
      assertThat(c.getEnv())
          .as(c.getName())
          .filteredOn(e -> e.getName().equals("AWS_ENDPOINT_URL_BEDROCK_RUNTIME"))
          .singleElement()
          .extracting(EnvVar::getValue)
          .isEqualTo("http://127.0.0.1:8787");
    }
    assertThat(env(pod.getSpec().getContainers().get(0))).containsEntry("AWS_REGION", "us-east-1");
    assertThat(pod.getSpec().getVolumes())
        .extracting(v -> v.getName())
        .containsExactly("kube-api-access-abcde", "costsentry-tmp");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("costsentry.io/sidecar", "injected")
        .containsEntry("app", "quote-writer");
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("costsentry.io/cost-center", "sales")
        .containsKey("costsentry.io/sidecar-config-hash");
    // Nothing else moved.
    for (String path :
        List.of(
            "/metadata/ownerReferences",
            "/metadata/generateName",
            "/spec/tolerations",
            "/spec/serviceAccountName",
            "/spec/containers/0/args",
            "/spec/containers/0/volumeMounts")) {
      assertThat(after.at(path)).as(path).isEqualTo(original.at(path));
    }
    assertThat(after.at("/spec/initContainers/1/command"))
        .isEqualTo(original.at("/spec/initContainers/0/command"));
    assertThat(metrics.admissions(WebhookMetrics.INJECTOR, "injected")).isEqualTo(1);
  }

  @Test
  void aPodAdmittedAgainIsNotInjectedTwice() throws IOException {
    ObjectNode review = fixture("deployment-pod.json");
    JsonNode original = review.at("/request/object").deepCopy();
    Pod once = patched(original, admitPod(review));

    ObjectNode again = fixture("deployment-pod.json");
    ((ObjectNode) again.get("request")).set("object", Serialization.jsonMapper().valueToTree(once));
    AdmissionResponse response = admitPod(again);

    assertThat(response.getAllowed()).isTrue();
    assertThat(patched(Serialization.jsonMapper().valueToTree(once), response)).isEqualTo(once);
  }

  @Test
  void theConfigHashFollowsTheSidecarAsInjected() throws IOException {
    String first = hashOf(admitPod(fixture("deployment-pod.json")));
    String same = hashOf(admitPod(fixture("deployment-pod.json")));
    String otherApp =
        hashOf(
            admitPod(
                podReview(
                    "sales",
                    p -> annotations(p).put("costsentry.io/application-id", "forecaster"))));
    assertThat(first).hasSize(16).isEqualTo(same).isNotEqualTo(otherApp);
  }

  @Test
  void aNamespaceLabelledEnabledInjectsPodsWithItsAnnotationsAsDefaults() throws IOException {
    ObjectNode review =
        podReview(
            "helpdesk",
            p -> {
              ObjectNode a = annotations(p);
              a.removeAll();
            });
    JsonNode original = review.at("/request/object").deepCopy();
    Pod pod = patched(original, admitPod(review));
    assertThat(env(pod.getSpec().getInitContainers().get(0)))
        .containsEntry("COSTSENTRY_COST_CENTER", "support")
        .containsEntry("COSTSENTRY_APPLICATION_ID", "ticket-triage")
        .doesNotContainKey("COSTSENTRY_ENVIRONMENT");
  }

  @Test
  void podsNotAskingOrOptingOutAreAdmittedUnchanged() throws IOException {
    ObjectNode notAsking =
        podReview("marketing", p -> annotations(p).remove("costsentry.io/inject"));
    ObjectNode optingOut =
        podReview("helpdesk", p -> annotations(p).put("costsentry.io/inject", "false"));
    ObjectNode disabledNamespace = podReview("legacy", p -> {});
    for (ObjectNode review : List.of(notAsking, optingOut, disabledNamespace)) {
      JsonNode original = review.at("/request/object").deepCopy();
      AdmissionResponse response = admitPod(review);
      assertThat(response.getAllowed()).isTrue();
      assertThat(patched(original, response))
          .isEqualTo(Serialization.unmarshal(original.toString(), Pod.class));
    }
    assertThat(metrics.admissions(WebhookMetrics.INJECTOR, "skipped")).isEqualTo(3);
  }

  @Test
  void aPodInANamespaceItsCostCenterDoesNotSelectIsRefusedNamingBudgetAndSelector()
      throws IOException {
    String message = refusal(podReview("marketing", p -> {}));
    assertThat(message)
        .contains("pod marketing/quote-writer-7d9c6b5f8-*")
        .contains("cost center \"sales\"")
        .contains("CostCenterBudget sales spec.namespaceSelector (costsentry.io/cost-center=sales)")
        .contains("does not select namespace marketing");
    assertThat(
            refusal(
                podReview(
                    "sales", p -> annotations(p).put("costsentry.io/cost-center", "support"))))
        .contains("spec.namespaceSelector (team in (support,helpdesk))");
    assertThat(metrics.admissions(WebhookMetrics.INJECTOR, "refused")).isEqualTo(2);
  }

  @Test
  void anUnknownCostCenterIsRefusedListingTheKnownOnes() throws IOException {
    assertThat(
            refusal(
                podReview("sales", p -> annotations(p).put("costsentry.io/cost-center", "salse"))))
        .contains("names cost center \"salse\"")
        .contains("no CostCenterBudget governs it; known cost centers: sales, support");
  }

  @Test
  void aMissingCostCenterOrApplicationIdIsRefusedNamingTheAnnotation() throws IOException {
    assertThat(refusal(podReview("sales", p -> annotations(p).remove("costsentry.io/cost-center"))))
        .contains("has no costsentry.io/cost-center annotation");
    assertThat(
            refusal(podReview("sales", p -> annotations(p).remove("costsentry.io/application-id"))))
        .contains("has no costsentry.io/application-id annotation");
  }

  @Test
  void badValuesAndHostNetworkAreRefused() throws IOException {
    assertThat(
            refusal(
                podReview(
                    "sales", p -> annotations(p).put("costsentry.io/application-id", "a;rm -rf"))))
        .contains("annotation costsentry.io/application-id \"a;rm -rf\" is not a valid AWS tag");
    assertThat(refusal(podReview("sales", p -> annotations(p).put("costsentry.io/inject", "yes"))))
        .contains("must be \"true\" or \"false\", got \"yes\"");
    assertThat(
            refusal(podReview("sales", p -> ((ObjectNode) p.get("spec")).put("hostNetwork", true))))
        .contains("uses hostNetwork");
  }

  @Test
  void aSecondBudgetForACostCenterIsRefusedAndTheFirstStaysEditable() throws IOException {
    ObjectNode review = fixture("budget-create.json");
    AdmissionResponse refused = admitBudget(review);
    assertThat(refused.getAllowed()).isFalse();
    assertThat(refused.getStatus().getMessage())
        .isEqualTo(
            "CostCenterBudget sales-2027: spec.costCenter \"sales\" already has a budget,"
                + " CostCenterBudget sales; a cost center has one budget: change that one, or set"
                + " another spec.costCenter");

    ObjectNode other = fixture("budget-create.json");
    ((ObjectNode) other.at("/request/object/spec")).put("costCenter", "services");
    assertThat(admitBudget(other).getAllowed()).isTrue();

    ObjectNode update = fixture("budget-create.json");
    ObjectNode request = (ObjectNode) update.get("request");
    request.put("operation", "UPDATE");
    request.set("object", Serialization.jsonMapper().valueToTree(budgets.get(0)));
    request.set("oldObject", Serialization.jsonMapper().valueToTree(budgets.get(0)));
    assertThat(admitBudget(update).getAllowed()).isTrue();
  }

  @Test
  void aBudgetWithoutSpecCostCenterIsKnownByItsName() throws IOException {
    budgets.add(budget("research-2026", "research", "{}"));
    ObjectNode review = fixture("budget-create.json");
    ((ObjectNode) review.at("/request/object/spec")).remove("costCenter");
    ((ObjectNode) review.at("/request/object/metadata")).put("name", "research");
    assertThat(admitBudget(review).getStatus().getMessage())
        .contains(
            "spec.costCenter \"research\" already has a budget, CostCenterBudget research-2026");
  }

  // --- helpers

  private AdmissionResponse admitPod(ObjectNode review) {
    return handle(WebhookConfig.MUTATE_PODS_PATH, review);
  }

  private AdmissionResponse admitBudget(ObjectNode review) {
    return handle(WebhookConfig.VALIDATE_BUDGETS_PATH, review);
  }

  /** As the HTTPS server does: JSON in, the framework's controller, JSON out. */
  private AdmissionResponse handle(String path, ObjectNode review) {
    AdmissionReview in = Serialization.unmarshal(review.toString(), AdmissionReview.class);
    AdmissionReview out = routes.get(path).controller().handle(in);
    return Serialization.unmarshal(Serialization.asJson(out), AdmissionReview.class).getResponse();
  }

  private String refusal(ObjectNode review) {
    AdmissionResponse response = admitPod(review);
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getPatch()).isNull();
    return response.getStatus().getMessage();
  }

  private static Pod patched(JsonNode original, AdmissionResponse response) {
    return Serialization.unmarshal(patchedJson(original, response).toString(), Pod.class);
  }

  /** The patch applied to the pod exactly as the API server sent it. */
  private static JsonNode patchedJson(JsonNode original, AdmissionResponse response) {
    JsonNode result = original;
    if (response.getPatch() != null) {
      JsonNode patch =
          Serialization.unmarshal(
              new String(Base64.getDecoder().decode(response.getPatch()), StandardCharsets.UTF_8),
              JsonNode.class);
      result = JsonPatch.apply(patch, original);
    }
    return result;
  }

  private static String hashOf(AdmissionResponse response) {
    return patched(fixtureObject(), response)
        .getMetadata()
        .getAnnotations()
        .get("costsentry.io/sidecar-config-hash");
  }

  private static JsonNode fixtureObject() {
    try {
      return fixture("deployment-pod.json").at("/request/object");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode podReview(String namespace, Consumer<ObjectNode> change)
      throws IOException {
    ObjectNode review = fixture("deployment-pod.json");
    ((ObjectNode) review.get("request")).put("namespace", namespace);
    change.accept((ObjectNode) review.at("/request/object"));
    return review;
  }

  private static ObjectNode annotations(ObjectNode pod) {
    return (ObjectNode) pod.at("/metadata/annotations");
  }

  private static ObjectNode fixture(String name) throws IOException {
    try (InputStream in = AdmissionReviewsTest.class.getResourceAsStream("/admission/" + name)) {
      return (ObjectNode) Serialization.jsonMapper().readTree(in);
    }
  }

  private static Map<String, String> env(Container c) {
    return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static CostCenterBudget budget(String name, String costCenter, String selector) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget",
         "metadata":{"name":"%s","creationTimestamp":"2026-01-01T00:00:00Z"},
         "spec":{"costCenter":"%s","namespaceSelector":%s,
                 "limits":[{"name":"daily","period":"Day","maxCostUSD":10}]}}"""
            .formatted(name, costCenter, selector),
        CostCenterBudget.class);
  }

  private static Namespace namespace(
      String name, Map<String, String> labels, Map<String, String> annotations) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }

  private BudgetDirectory directory() {
    return new BudgetDirectory() {
      @Override
      public Optional<CostCenterBudget> governing(String costCenter) {
        return budgets.stream()
            .filter(b -> costCenter.equals(CostCenterOwnership.costCenter(b)))
            .min(CostCenterOwnership.OLDER_FIRST);
      }

      @Override
      public SortedSet<String> costCenters() {
        return budgets.stream()
            .map(CostCenterOwnership::costCenter)
            .collect(Collectors.toCollection(TreeSet::new));
      }
    };
  }
}

package io.costsentry.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.costsentry.core.pricing.PriceTable;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.costsentry.operator.manifest.ManifestValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GitOps examples fit together as Argo CD and the webhook would see them: the Applications
 * point at folders of this repository and are ordered operator, budgets, apps; every budget selects
 * a namespace of {@code examples/apps/}; the sample pods name a cost center whose budget selects
 * their namespace; the webhook configurations whose {@code caBundle} is ignored are the ones the
 * operator patches.
 */
class GitOpsExamplesTest {
  private static final String WAVE = "argocd.argoproj.io/sync-wave";
  private static final Path COST_CENTERS = GitOpsFiles.EXAMPLES.resolve("cost-centers");
  private static final Path APPS = GitOpsFiles.EXAMPLES.resolve("apps");
  private static final Path ARGOCD = GitOpsFiles.EXAMPLES.resolve("argocd");

  @Test
  void applicationsPointAtFoldersOfThisRepository() {
    Map<String, JsonNode> applications = applications();
    assertThat(applications)
        .containsKeys("costsentry", "costsentry-cost-centers", "costsentry-sample-apps");
    applications.forEach(
        (name, app) -> {
          String path = app.at("/spec/source/path").asText();
          assertThat(GitOpsFiles.ROOT.resolve(path)).as("source.path of %s", name).isDirectory();
        });
    assertThat(applications.get("costsentry").at("/spec/source/path").asText())
        .isEqualTo("charts/costsentry");
    assertThat(applications.get("costsentry-cost-centers").at("/spec/source/path").asText())
        .isEqualTo("examples/cost-centers");
  }

  @Test
  void theRootApplicationIncludesExactlyTheThreeApplications() {
    JsonNode root = applications().get("costsentry-root");
    assertThat(root.at("/spec/source/path").asText()).isEqualTo("examples/argocd");
    String include = root.at("/spec/source/directory/include").asText();
    List<String> files = List.of(include.replaceAll("[{}]", "").split(","));
    assertThat(files)
        .containsExactlyInAnyOrder("costsentry.yaml", "cost-centers.yaml", "apps.yaml");
    files.forEach(f -> assertThat(ARGOCD.resolve(f)).isRegularFile());
  }

  @Test
  void applicationsSyncOperatorThenBudgetsThenApps() {
    Map<String, JsonNode> applications = applications();
    assertThat(wave(applications.get("costsentry")))
        .isLessThan(wave(applications.get("costsentry-cost-centers")));
    assertThat(wave(applications.get("costsentry-cost-centers")))
        .isLessThan(wave(applications.get("costsentry-sample-apps")));
  }

  @Test
  void modelAliasesSyncBeforeTheBudgetsThatUseThem() {
    List<JsonNode> aliases = ofKind(costCenterDocuments(), "ModelAlias");
    List<JsonNode> budgets = ofKind(costCenterDocuments(), "CostCenterBudget");
    assertThat(aliases).isNotEmpty();
    int lastAlias = aliases.stream().mapToInt(GitOpsExamplesTest::wave).max().orElseThrow();
    int firstBudget = budgets.stream().mapToInt(GitOpsExamplesTest::wave).min().orElseThrow();
    assertThat(lastAlias).isLessThan(firstBudget);
  }

  @Test
  void oneFilePerCostCenterNamedAfterIt() throws IOException {
    try (Stream<Path> files = Files.list(COST_CENTERS)) {
      List<Path> budgetFiles =
          files.filter(f -> !f.getFileName().toString().equals("model-aliases.yaml")).toList();
      List<String> costCenters = new ArrayList<>();
      for (Path file : budgetFiles) {
        List<JsonNode> documents = GitOpsFiles.yaml(file);
        assertThat(documents).as("%s", file).hasSize(1);
        JsonNode budget = documents.getFirst();
        assertThat(budget.path("kind").asText()).as("%s", file).isEqualTo("CostCenterBudget");
        String costCenter = budget.at("/spec/costCenter").asText();
        assertThat(file.getFileName().toString()).isEqualTo(costCenter + ".yaml");
        costCenters.add(costCenter);
      }
      assertThat(costCenters).containsExactlyInAnyOrder("sales", "services", "support");
    }
  }

  @Test
  void budgetsNameOnlyAliasesThatExist() {
    Set<String> aliases = new HashSet<>();
    ofKind(costCenterDocuments(), "ModelAlias")
        .forEach(a -> aliases.add(a.at("/metadata/name").asText()));
    for (JsonNode budget : ofKind(costCenterDocuments(), "CostCenterBudget")) {
      budget
          .at("/spec/limits")
          .forEach(
              limit -> {
                JsonNode model = limit.at("/scope/model");
                if (!model.isMissingNode()) {
                  assertThat(aliases)
                      .as("scope.model of %s", budget.at("/metadata/name"))
                      .contains(model.asText());
                }
              });
      budget
          .at("/spec/inferenceProfiles/aliases")
          .forEach(a -> assertThat(aliases).contains(a.asText()));
    }
  }

  @Test
  void theOperatorAcceptsEveryExampleAliasAndBudget() {
    ManifestValidator validator = new ManifestValidator(PriceTable.builtIn());
    List<String> aliasNames = new ArrayList<>();
    for (JsonNode a : ofKind(costCenterDocuments(), "ModelAlias")) {
      ManifestValidator.Result<?> r =
          validator.alias(Serialization.unmarshal(a.toString(), ModelAlias.class));
      assertThat(r.errors()).as("ModelAlias %s", a.at("/metadata/name")).isEmpty();
      aliasNames.add(a.at("/metadata/name").asText());
    }
    for (JsonNode b : ofKind(costCenterDocuments(), "CostCenterBudget")) {
      ManifestValidator.Result<?> r =
          validator.budget(
              Serialization.unmarshal(b.toString(), CostCenterBudget.class), aliasNames);
      assertThat(r.errors()).as("CostCenterBudget %s", b.at("/metadata/name")).isEmpty();
    }
  }

  @Test
  void everyBudgetSelectsExactlyOneSampleNamespaceAndEveryLabelledNamespaceHasABudget() {
    List<JsonNode> namespaces = ofKind(appDocuments(), "Namespace");
    List<JsonNode> budgets = ofKind(costCenterDocuments(), "CostCenterBudget");
    for (JsonNode budget : budgets) {
      List<String> selected =
          namespaces.stream()
              .filter(ns -> selects(budget.at("/spec/namespaceSelector"), labels(ns)))
              .map(ns -> ns.at("/metadata/name").asText())
              .toList();
      assertThat(selected).as("namespaces %s selects", budget.at("/metadata/name")).hasSize(1);
    }
    for (JsonNode ns : namespaces) {
      String costCenter = labels(ns).get("costsentry.io/cost-center");
      assertThat(budgets)
          .extracting(b -> b.at("/spec/costCenter").asText())
          .as("budget of namespace %s", ns.at("/metadata/name"))
          .contains(costCenter);
    }
    assertThat(namespaces)
        .as("a namespace where every pod gets the sidecar")
        .anyMatch(ns -> "enabled".equals(labels(ns).get("costsentry.io/inject")));
  }

  @Test
  void samplePodsNameABudgetThatSelectsTheirNamespaceAndAnIrsaServiceAccount() {
    List<JsonNode> documents = appDocuments();
    Map<String, JsonNode> namespaces = byName(ofKind(documents, "Namespace"));
    List<JsonNode> deployments = ofKind(documents, "Deployment");
    assertThat(deployments).isNotEmpty();
    for (JsonNode deployment : deployments) {
      String namespace = deployment.at("/metadata/namespace").asText();
      JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
      assertThat(annotations.path("costsentry.io/inject").asText()).isEqualTo("true");
      assertThat(annotations.path("costsentry.io/application-id").asText()).isNotBlank();
      assertThat(annotations.path("costsentry.io/environment").asText()).isNotBlank();
      String costCenter = annotations.path("costsentry.io/cost-center").asText();
      JsonNode budget =
          ofKind(costCenterDocuments(), "CostCenterBudget").stream()
              .filter(b -> b.at("/spec/costCenter").asText().equals(costCenter))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no budget for cost center " + costCenter));
      assertThat(namespaces).containsKey(namespace);
      assertThat(selects(budget.at("/spec/namespaceSelector"), labels(namespaces.get(namespace))))
          .as("budget %s selects namespace %s", costCenter, namespace)
          .isTrue();

      String serviceAccount = deployment.at("/spec/template/spec/serviceAccountName").asText();
      JsonNode account =
          ofKind(documents, "ServiceAccount").stream()
              .filter(sa -> sa.at("/metadata/name").asText().equals(serviceAccount))
              .filter(sa -> sa.at("/metadata/namespace").asText().equals(namespace))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no ServiceAccount " + serviceAccount));
      assertThat(account.at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText())
          .startsWith("arn:aws:iam::");
    }
  }

  @Test
  void theChartApplicationIgnoresTheCaBundlesTheOperatorPatches() {
    JsonNode app = applications().get("costsentry");
    assertThat(app.at("/spec/source/helm/releaseName").asText()).isEqualTo("costsentry");
    assertThat(app.at("/spec/destination/namespace").asText()).isEqualTo("costsentry-system");
    Map<String, String> ignored = new LinkedHashMap<>();
    app.at("/spec/ignoreDifferences")
        .forEach(
            d -> {
              assertThat(d.path("jqPathExpressions").toString()).contains("caBundle");
              ignored.put(d.path("kind").asText(), d.path("name").asText());
            });
    assertThat(ignored)
        .containsEntry("MutatingWebhookConfiguration", "costsentry-sidecar-injector")
        .containsEntry("ValidatingWebhookConfiguration", "costsentry-budget-validator");
    // The configurations the operator may patch (docs/operator-rbac.yaml) are the ignored ones.
    assertThat(GitOpsFiles.read(GitOpsFiles.ROOT.resolve("docs/operator-rbac.yaml")))
        .contains(
            "resourceNames: [\""
                + ignored.get("MutatingWebhookConfiguration")
                + "\", \""
                + ignored.get("ValidatingWebhookConfiguration")
                + "\"]");
    assertThat(app.at("/spec/syncPolicy/syncOptions").toString())
        .contains("ServerSideApply=true", "RespectIgnoreDifferences=true");
  }

  /**
   * Runs once the chart is in this tree (it is written alongside): the chart renders with the
   * Application's values, and renders the webhook configurations Argo CD is told to ignore the
   * caBundle of, without a caBundle of its own.
   */
  @Test
  void theChartRendersWithTheApplicationsValues() throws IOException {
    Path chart = GitOpsFiles.ROOT.resolve("charts/costsentry");
    assumeTrue(Files.isRegularFile(chart.resolve("Chart.yaml")), "the chart is not in this tree");
    JsonNode app = applications().get("costsentry");
    Path values = Files.createTempFile("costsentry-argocd-values", ".yaml");
    String manifest;
    try {
      Files.writeString(
          values, new YAMLMapper().writeValueAsString(app.at("/spec/source/helm/valuesObject")));
      manifest =
          new Helm(chart)
              .template()
              .withName(app.at("/spec/source/helm/releaseName").asText())
              .withNamespace(app.at("/spec/destination/namespace").asText())
              .withKubeVersion("1.31.0")
              .withValuesFile(values)
              .call();
    } finally {
      Files.deleteIfExists(values);
    }
    List<JsonNode> rendered = GitOpsFiles.yaml(manifest);
    for (JsonNode d : app.at("/spec/ignoreDifferences")) {
      JsonNode configuration =
          rendered.stream()
              .filter(r -> r.path("kind").asText().equals(d.path("kind").asText()))
              .filter(r -> r.at("/metadata/name").asText().equals(d.path("name").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("chart renders no " + d));
      configuration
          .path("webhooks")
          .forEach(w -> assertThat(w.at("/clientConfig/caBundle").isMissingNode()).isTrue());
    }
  }

  private static Map<String, JsonNode> applications() {
    Map<String, JsonNode> applications = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(ARGOCD)) {
      files
          .sorted()
          .flatMap(f -> GitOpsFiles.yaml(f).stream())
          .filter(d -> d.path("kind").asText().equals("Application"))
          .forEach(d -> applications.put(d.at("/metadata/name").asText(), d));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return applications;
  }

  private static List<JsonNode> costCenterDocuments() {
    return documentsIn(COST_CENTERS);
  }

  private static List<JsonNode> appDocuments() {
    return documentsIn(APPS);
  }

  private static List<JsonNode> documentsIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().flatMap(f -> GitOpsFiles.yaml(f).stream()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
    return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  private static Map<String, JsonNode> byName(List<JsonNode> documents) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    documents.forEach(d -> byName.put(d.at("/metadata/name").asText(), d));
    return byName;
  }

  private static int wave(JsonNode resource) {
    JsonNode wave = resource.at("/metadata/annotations").path(WAVE);
    return wave.isMissingNode() ? 0 : Integer.parseInt(wave.asText());
  }

  private static Map<String, String> labels(JsonNode resource) {
    Map<String, String> labels = new LinkedHashMap<>();
    resource
        .at("/metadata/labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    labels.put("kubernetes.io/metadata.name", resource.at("/metadata/name").asText());
    return labels;
  }

  /** A Kubernetes label selector: matchLabels and matchExpressions, all of them must hold. */
  static boolean selects(JsonNode selector, Map<String, String> labels) {
    if (selector.isMissingNode() || selector.isNull()) {
      return false; // absent selects none (standalone sidecars only)
    }
    if (selector instanceof ObjectNode o && o.isEmpty()) {
      return true;
    }
    for (var it = selector.path("matchLabels").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean has = labels.containsKey(key);
      boolean holds =
          switch (expression.path("operator").asText()) {
            case "In" -> has && values.contains(labels.get(key));
            case "NotIn" -> !has || !values.contains(labels.get(key));
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> throw new IllegalArgumentException("operator " + expression);
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }
}

package io.costsentry.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.Enforcement;
import io.costsentry.core.policy.FailurePolicy;
import io.costsentry.core.policy.LimitMetric;
import io.costsentry.core.policy.LimitPolicy;
import io.costsentry.core.policy.LimitScope;
import io.costsentry.core.policy.ModelDefaults;
import io.costsentry.core.policy.Period;
import io.costsentry.core.policy.PolicySet;
import io.costsentry.core.pricing.PriceTable;
import io.costsentry.core.pricing.Pricing;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestPolicyLoaderTest {
  private final ManifestPolicyLoader loader = new ManifestPolicyLoader();

  // --- valid files ---

  @Test
  void theReadmeExampleLoads() throws Exception {
    PolicySet policies = loader.load(Path.of("../examples/budgets.yaml"));

    AliasPolicy haiku = policies.aliases().get("claude-3-5-haiku");
    assertThat(haiku.modelId()).isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
    assertThat(haiku.pricingSource()).isEqualTo("builtin");
    assertThat(haiku.pricing())
        .isEqualTo(PriceTable.builtIn().lookup("anthropic.claude-3-5-haiku-20241022-v1:0").get());
    assertThat(haiku.defaults().maxTokens()).isEqualTo(512);
    assertThat(haiku.maxOutputTokens()).isEqualTo(4096);
    assertThat(haiku.limits())
        .containsExactly(
            new LimitPolicy(
                "input-tokens-per-minute",
                Period.MINUTE,
                ZoneOffset.UTC,
                LimitMetric.INPUT_TOKENS,
                2_000_000,
                null));
    assertThat(policies.aliases().get("nova-lite").modelId()).isEqualTo("us.amazon.nova-lite-v1:0");

    BudgetPolicy support = policies.budgetFor("support").orElseThrow();
    assertThat(support.enforcement()).isEqualTo(Enforcement.ENFORCE);
    assertThat(support.failurePolicy()).isEqualTo(FailurePolicy.FAIL_CLOSED);
    assertThat(support.limits())
        .extracting(
            LimitPolicy::name, LimitPolicy::period, LimitPolicy::metric, LimitPolicy::amount)
        .containsExactly(
            tuple("daily-cost", Period.DAY, LimitMetric.COST_USD, 25_000_000L),
            tuple("monthly-cost", Period.MONTH, LimitMetric.COST_USD, 500_000_000L),
            tuple("tokens-per-minute", Period.MINUTE, LimitMetric.TOTAL_TOKENS, 200_000L));

    BudgetPolicy research = policies.budgetFor("research").orElseThrow();
    assertThat(research.enforcement()).isEqualTo(Enforcement.MONITOR);
    assertThat(research.failurePolicy()).isEqualTo(FailurePolicy.FAIL_OPEN);
    assertThat(research.limits().get(0).zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(research.limits().get(1).scope().model()).isEqualTo("claude-3-5-haiku");
  }

  @Test
  void everyFieldIsMapped() throws Exception {
    PolicySet policies = load("valid-complete.yaml");

    AliasPolicy sonnet = policies.aliases().get("sonnet");
    assertThat(sonnet.pricingSource()).isEqualTo("manifest");
    assertThat(sonnet.pricing()).isEqualTo(Pricing.of("3.15", "15.75", "0.315", "3.9375"));
    assertThat(sonnet.defaults()).isEqualTo(new ModelDefaults(1000, 0.2, 0.95, 40));
    assertThat(sonnet.maxOutputTokens()).isEqualTo(8000);
    assertThat(sonnet.limits())
        .containsExactly(
            new LimitPolicy(
                "prod-output-per-hour",
                Period.HOUR,
                ZoneOffset.UTC,
                LimitMetric.OUTPUT_TOKENS,
                5_000_000,
                new LimitScope(null, null, "production")));
    // an alias is also found by its model id
    assertThat(policies.resolveModel(sonnet.modelId())).contains(sonnet);
    assertThat(policies.aliases().get("llama").pricingSource()).isEqualTo("builtin");

    BudgetPolicy marketing = policies.budgetFor("Marketing EU").orElseThrow();
    assertThat(marketing.name()).isEqualTo("marketing-budget");
    assertThat(marketing.enforcement()).isEqualTo(Enforcement.MONITOR);
    assertThat(marketing.failurePolicy()).isEqualTo(FailurePolicy.FAIL_OPEN);
    assertThat(marketing.alertThresholds()).containsExactly(25, 90, 100);
    assertThat(marketing.limits())
        .containsExactly(
            new LimitPolicy(
                "daily",
                Period.DAY,
                ZoneId.of("Europe/Paris"),
                LimitMetric.COST_USD,
                12_345_678,
                null),
            new LimitPolicy(
                "chatbot-sonnet-input",
                Period.MINUTE,
                ZoneOffset.UTC,
                LimitMetric.INPUT_TOKENS,
                100_000,
                new LimitScope("sonnet", "chatbot", "production")));
  }

  @Test
  void omittedFieldsTakeTheSchemaDefaults() throws Exception {
    BudgetPolicy minimal = load("valid-complete.yaml").budgetFor("minimal").orElseThrow();
    assertThat(minimal.costCenter()).isEqualTo("minimal");
    assertThat(minimal.enforcement()).isEqualTo(Enforcement.ENFORCE);
    assertThat(minimal.failurePolicy()).isEqualTo(FailurePolicy.FAIL_CLOSED);
    assertThat(minimal.alertThresholds()).containsExactly(50, 80, 100);
    assertThat(minimal.limits().get(0).zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(minimal.limits().get(0).scope()).isEqualTo(LimitScope.ALL);
  }

  @Test
  void aCustomPriceTablePricesAliasesWithoutPricing() throws Exception {
    Pricing negotiated = Pricing.of("0.5", "2", null, null);
    PolicySet policies =
        new ManifestPolicyLoader(
                PriceTable.of(Map.of("mistral.mistral-large-2407-v1:0", negotiated)))
            .load(fixture("invalid-no-price.yaml"));
    assertThat(policies.aliases().get("mistral-large").pricing()).isEqualTo(negotiated);
  }

  @Test
  void statusIsIgnoredLikeTheApiServerIgnoresItOnCreate() throws Exception {
    String yaml =
        """
        apiVersion: costsentry.io/v1alpha1
        kind: ModelAlias
        metadata: {name: haiku}
        spec: {modelId: anthropic.claude-3-5-haiku-20241022-v1:0}
        status: {anything: goes, observedGeneration: 7}
        """;
    assertThat(loader.parse(yaml, "inline").aliases()).containsKey("haiku");
  }

  // --- invalid files: every message names the document, the resource and the field ---

  @Test
  void refusesOtherKindsAndApiVersions() {
    assertThat(errors("invalid-kind-and-api-version.yaml"))
        .containsExactly(
            "document 1 (ConfigMap/not-ours): apiVersion: Unsupported value: \"v1\": supported"
                + " values: \"costsentry.io/v1alpha1\"",
            "document 1 (ConfigMap/not-ours): kind: Unsupported value: \"ConfigMap\": supported"
                + " values: \"CostCenterBudget\", \"ModelAlias\"",
            "document 2 (ModelAlias/old-version): apiVersion: Unsupported value:"
                + " \"costsentry.io/v1\": supported values: \"costsentry.io/v1alpha1\"",
            "document 3 (ModelAlias/no-api-version): apiVersion: Required value");
  }

  @Test
  void requiresAValidMetadataName() {
    assertThat(errors("invalid-metadata.yaml"))
        .containsExactly(
            "document 1 (ModelAlias): metadata.name: Required value: name is required",
            "document 2 (CostCenterBudget/Support_Team): metadata.name: Invalid value:"
                + " \"Support_Team\": a lowercase RFC 1123 subdomain must consist of lower case"
                + " alphanumeric characters, '-' or '.', and must start and end with an"
                + " alphanumeric character, at most 253 characters",
            "document 3 (CostCenterBudget): metadata: Required value");
  }

  @Test
  void namesTheSupportedPeriods() {
    assertThat(errors("invalid-period.yaml"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.limits[1].period: Unsupported value:"
                + " \"Weekly\": supported values: \"Day\", \"Hour\", \"Minute\", \"Month\"");
  }

  @Test
  void requiresExactlyOneMaximumPerLimit() {
    String rule =
        "Invalid value: \"object\": exactly one of maxCostUSD, maxInputTokens, maxOutputTokens,"
            + " maxTotalTokens must be set";
    assertThat(errors("invalid-maximums.yaml"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.limits[0]: " + rule,
            "document 1 (CostCenterBudget/support): spec.limits[1]: " + rule);
  }

  @Test
  void requiresUniqueLimitNames() {
    assertThat(errors("invalid-duplicate-limit-names.yaml"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.limits: Invalid value: \"array\": limit"
                + " names must be unique");
  }

  @Test
  void catchesTyposAsUnknownFields() {
    assertThat(errors("invalid-unknown-field.yaml"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.enforcment: field not declared in"
                + " schema",
            "document 1 (CostCenterBudget/support): spec.limits[0].period: Required value",
            "document 1 (CostCenterBudget/support): spec.limits[0].perod: field not declared in"
                + " schema");
  }

  @Test
  void requiresPricingForModelsWithoutABuiltInPrice() {
    assertThat(errors("invalid-no-price.yaml"))
        .containsExactly(
            "document 1 (ModelAlias/mistral-large): spec.pricing: Required value: no built-in"
                + " price for model mistral.mistral-large-2407-v1:0; set spec.pricing");
  }

  @Test
  void refusesDuplicateAliasNames() {
    assertThat(errors("invalid-duplicate-alias.yaml"))
        .containsExactly(
            "document 2 (ModelAlias/haiku): metadata.name: Duplicate value: \"haiku\": ModelAlias"
                + " of that name is also in document 1");
  }

  @Test
  void refusesTwoBudgetsForOneCostCenter() {
    assertThat(errors("invalid-duplicate-cost-center.yaml"))
        .containsExactly(
            "document 2 (CostCenterBudget/support-extra): spec.costCenter: Duplicate value:"
                + " \"support\": CostCenterBudget/support (document 1) already governs this cost"
                + " center");
  }

  @Test
  void refusesScopesNamingAnUnknownAlias() {
    assertThat(errors("invalid-unknown-scope-model.yaml"))
        .containsExactly(
            "document 2 (CostCenterBudget/support): spec.limits[1].scope.model: Not found:"
                + " \"opus\": no ModelAlias of that name in the file");
  }

  @Test
  void enforcesBoundsPatternsAndListRules() {
    assertThat(errors("invalid-bounds.yaml"))
        .containsExactlyInAnyOrder(
            "document 1 (ModelAlias/haiku): spec.defaults.maxTokens: Invalid value: 0:"
                + " spec.defaults.maxTokens in body should be greater than or equal to 1",
            "document 1 (ModelAlias/haiku): spec.defaults.temperature: Invalid value: 1.5:"
                + " spec.defaults.temperature in body should be less than or equal to 1",
            "document 1 (ModelAlias/haiku): spec.limits[0].maxInputTokens: Invalid value: 0:"
                + " spec.limits[0].maxInputTokens in body should be greater than or equal to 1",
            "document 2 (CostCenterBudget/support): spec.costCenter: Invalid value:"
                + " \"support*team\": spec.costCenter in body should match"
                + " '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$'",
            "document 2 (CostCenterBudget/support): spec.limits[0].maxCostUSD: Invalid value:"
                + " -5: spec.limits[0].maxCostUSD in body should be greater than 0",
            "document 2 (CostCenterBudget/support): spec.alertThresholds[0]: Invalid value: 0:"
                + " spec.alertThresholds[0] in body should be greater than or equal to 1");
  }

  @Test
  void refusesDuplicateAlertThresholds() {
    String yaml =
        """
        apiVersion: costsentry.io/v1alpha1
        kind: CostCenterBudget
        metadata: {name: support}
        spec:
          limits: [{name: daily, period: Day, maxCostUSD: 1}]
          alertThresholds: [80, 80]
        """;
    assertThat(errors(yaml, "inline"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.alertThresholds: Invalid value:"
                + " \"array\": alert thresholds must be unique");
  }

  @Test
  void refusesUnknownTimeZones() {
    assertThat(errors("invalid-time-zone.yaml"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.limits[0].timeZone: Invalid value:"
                + " \"Mars/Olympus_Mons\": unknown IANA time zone");
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirLine() {
    List<String> errors = errors("invalid-yaml-syntax.yaml");
    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith("document 2: YAML syntax error at line");
  }

  @Test
  void refusesDuplicateKeys() {
    String yaml =
        """
        apiVersion: costsentry.io/v1alpha1
        kind: ModelAlias
        metadata: {name: haiku}
        spec:
          modelId: anthropic.claude-3-5-haiku-20241022-v1:0
          modelId: amazon.nova-lite-v1:0
        """;
    assertThat(errors(yaml, "inline"))
        .singleElement()
        .asString()
        .startsWith("document 1: YAML syntax error at line 6")
        .contains("Duplicate field 'modelId'");
  }

  @Test
  void appliesTheCelRulesOfTheCrds() {
    assertThat(errors("invalid-cel-rules.yaml"))
        .containsExactly(
            "document 1 (ModelAlias/haiku): spec.limits: Invalid value: \"array\": limits of a"
                + " ModelAlias apply to its own model: scope.model is not allowed",
            "document 1 (ModelAlias/haiku): spec: Invalid value: \"object\": defaults.maxTokens"
                + " must not exceed maxOutputTokens",
            "document 2 (CostCenterBudget/support): spec.limits[0].scope: Invalid value:"
                + " \"object\": scope must name at least one of model, applicationId,"
                + " environment",
            "document 2 (CostCenterBudget/support): spec.inferenceProfiles.tags: Invalid value:"
                + " \"object\": tags costCenter, applicationId, environment and managed-by are"
                + " set by CostSentry",
            "document 2 (CostCenterBudget/support): spec.inferenceProfiles.tags: Invalid value:"
                + " \"object\": tag keys must be 1 to 128 letters, digits, spaces or _.:/=+-@ and"
                + " must not start with aws:");
  }

  @Test
  void refusesValuesOfTheWrongType() {
    assertThat(errors("invalid-types.yaml"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.enforcement: Invalid value: \"boolean\":"
                + " spec.enforcement in body must be of type string: \"boolean\"",
            "document 1 (CostCenterBudget/support): spec.limits[0].maxCostUSD: Invalid value:"
                + " \"string\": spec.limits[0].maxCostUSD in body must be of type number:"
                + " \"string\"",
            "document 1 (CostCenterBudget/support): spec.limits[1].maxTotalTokens: Invalid"
                + " value: \"number\": spec.limits[1].maxTotalTokens in body must be of type"
                + " integer: \"number\"",
            "document 1 (CostCenterBudget/support): spec.alertThresholds: Invalid value:"
                + " \"integer\": spec.alertThresholds in body must be of type array:"
                + " \"integer\"");
  }

  @Test
  void refusesCostLimitsBelowOneMicroDollar() {
    assertThat(errors("invalid-sub-micro-cost.yaml"))
        .containsExactly(
            "document 1 (CostCenterBudget/support): spec.limits[0].maxCostUSD: Invalid value:"
                + " 0.0000001: must be at least 0.000001");
  }

  @Test
  void reportsMissingRequiredFieldsAndNonManifestDocuments() {
    assertThat(errors("invalid-missing-required.yaml"))
        .containsExactly(
            "document 1 (ModelAlias/nothing): spec.modelId: Required value",
            "document 1 (ModelAlias/nothing): spec.pricing.outputPerMillion: Required value",
            "document 2 (CostCenterBudget/support): spec: Required value",
            "document 3 (CostCenterBudget/support-empty): spec.limits: Invalid value: 0:"
                + " spec.limits in body should have at least 1 items",
            "document 4: expected a ModelAlias or CostCenterBudget manifest (a mapping), got"
                + " array");
  }

  @Test
  void refusesAFileWithoutManifests() {
    assertThatThrownBy(() -> load("invalid-empty.yaml"))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageEndingWith(
            "invalid-empty.yaml: no ModelAlias or CostCenterBudget manifest in the file");
  }

  @Test
  void reportsEveryErrorOfAFileInOneException() throws Exception {
    Path file = fixture("invalid-bounds.yaml");
    InvalidManifestException e =
        catchThrowableOfType(InvalidManifestException.class, () -> loader.load(file));
    assertThat(e.errors())
        .hasSize(6)
        .allSatisfy(err -> assertThat(err.source()).isEqualTo(file.toString()));
    assertThat(e.getMessage())
        .startsWith(
            file + " is invalid (6 errors):\n  " + file + ": document 1 (ModelAlias/haiku): ")
        .contains("\n  " + file + ": document 2 (CostCenterBudget/support): spec.costCenter: ");
  }

  @Test
  void anUnreadableFileIsAnIoError() {
    assertThatThrownBy(() -> loader.load(Path.of("does-not-exist.yaml")))
        .isInstanceOf(IOException.class);
  }

  private PolicySet load(String fixture) throws Exception {
    return loader.load(fixture(fixture));
  }

  /** The errors of a fixture, without the file name that starts each of them. */
  private List<String> errors(String fixture) {
    Path file = fixture(fixture);
    InvalidManifestException e =
        catchThrowableOfType(InvalidManifestException.class, () -> loader.load(file));
    assertThat(e).as("%s is refused", fixture).isNotNull();
    return withoutSource(e);
  }

  private List<String> errors(String yaml, String source) {
    InvalidManifestException e =
        catchThrowableOfType(InvalidManifestException.class, () -> loader.parse(yaml, source));
    assertThat(e).as("%s is refused", source).isNotNull();
    return withoutSource(e);
  }

  private static List<String> withoutSource(InvalidManifestException e) {
    return e.errors().stream()
        .map(err -> err.toString().substring(err.source().length() + 2))
        .toList();
  }

  private static Path fixture(String name) {
    try {
      return Path.of(ManifestPolicyLoaderTest.class.getResource("/manifests/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("no fixture " + name, e);
    }
  }
}

package io.costsentry.crds.v1alpha1;

import static io.costsentry.crds.v1alpha1.GeneratedCrds.COST_CENTER_BUDGETS;
import static io.costsentry.crds.v1alpha1.GeneratedCrds.MODEL_ALIASES;
import static io.costsentry.crds.v1alpha1.GeneratedCrds.at;
import static io.costsentry.crds.v1alpha1.GeneratedCrds.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the generated schemas say: the API server enforces exactly this, so these assertions are the
 * contract of {@code kubectl apply}. (No API server runs here; the standalone sidecar's loader
 * tests run invalid manifests through these same schemas.)
 */
class CrdSchemaTest {

  @ParameterizedTest
  @ValueSource(strings = {MODEL_ALIASES, COST_CENTER_BUDGETS})
  void crdsAreClusterScopedV1alpha1WithAStatusSubresource(String file) {
    CustomResourceDefinition crd = GeneratedCrds.crd(file);
    assertThat(crd.getSpec().getGroup()).isEqualTo("costsentry.io");
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getVersions())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getName()).isEqualTo("v1alpha1");
              assertThat(v.getServed()).isTrue();
              assertThat(v.getStorage()).isTrue();
              assertThat(v.getSubresources().getStatus()).isNotNull();
            });
    assertThat(schema(file).getRequired()).containsExactly("spec");
  }

  @Test
  void namesAndShortNames() {
    assertThat(GeneratedCrds.crd(MODEL_ALIASES).getSpec().getNames())
        .satisfies(
            n -> {
              assertThat(n.getKind()).isEqualTo("ModelAlias");
              assertThat(n.getPlural()).isEqualTo("modelaliases");
              assertThat(n.getShortNames()).containsExactly("ma");
            });
    assertThat(GeneratedCrds.crd(COST_CENTER_BUDGETS).getSpec().getNames())
        .satisfies(
            n -> {
              assertThat(n.getKind()).isEqualTo("CostCenterBudget");
              assertThat(n.getPlural()).isEqualTo("costcenterbudgets");
              assertThat(n.getShortNames()).containsExactly("ccb");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {MODEL_ALIASES, COST_CENTER_BUDGETS})
  void everySpecAndStatusFieldIsDescribed(String file) {
    List<String> undescribed = new ArrayList<>();
    JSONSchemaProps root = schema(file);
    collectUndescribed(root.getProperties().get("spec"), "spec", undescribed);
    collectUndescribed(root.getProperties().get("status"), "status", undescribed);
    assertThat(undescribed).isEmpty();
  }

  @Test
  void kubectlGetCcbShowsCostCenterEnforcementUsageAndReadiness() {
    List<CustomResourceColumnDefinition> columns =
        GeneratedCrds.crd(COST_CENTER_BUDGETS)
            .getSpec()
            .getVersions()
            .get(0)
            .getAdditionalPrinterColumns();
    assertThat(columns)
        .extracting(
            CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .contains(
            tuple("Cost Center", ".status.costCenter"),
            tuple("Enforcement", ".spec.enforcement"),
            tuple("Used %", ".status.mostUsedPercent"),
            tuple("Ready", ".status.conditions[?(@.type==\"Ready\")].status"));
  }

  @Test
  void budgetSpecRequiresLimitsAndDefaultsModes() {
    JSONSchemaProps spec = at(schema(COST_CENTER_BUDGETS), "spec");
    assertThat(spec.getRequired()).containsExactly("limits");
    assertThat(enumOf(at(spec, "enforcement"))).containsExactlyInAnyOrder("Enforce", "Monitor");
    assertThat(at(spec, "enforcement").getDefault().asText()).isEqualTo("Enforce");
    assertThat(enumOf(at(spec, "failurePolicy")))
        .containsExactlyInAnyOrder("FailOpen", "FailClosed");
    assertThat(at(spec, "failurePolicy").getDefault().asText()).isEqualTo("FailClosed");
    assertThat(at(spec, "alertThresholds").getDefault().toString()).isEqualTo("[50,80,100]");
    assertThat(at(spec, "alertThresholds").getMinItems()).isEqualTo(1L);
    assertThat(at(spec, "alertThresholds").getMaxItems()).isEqualTo(10L);
    JSONSchemaProps threshold = at(spec, "alertThresholds").getItems().getSchema();
    assertThat(threshold.getMinimum()).isEqualTo(1.0);
    assertThat(threshold.getMaximum()).isEqualTo(1000.0);
    assertThat(at(spec, "costCenter").getMaxLength()).isEqualTo(128L);
  }

  @Test
  void aBudgetNameTooLongForATagRequiresACostCenter() {
    ValidationRule rule =
        schema(COST_CENTER_BUDGETS).getXKubernetesValidations().stream()
            .filter(r -> r.getRule().equals(CostCenterBudget.RULE_NAME_FITS_A_TAG))
            .findFirst()
            .orElseThrow();
    assertThat(rule.getFieldPath()).isEqualTo(".spec.costCenter");
  }

  @Test
  void costCenterPatternAcceptsAwsTagValuesOnly() {
    Pattern tagValue =
        Pattern.compile(at(schema(COST_CENTER_BUDGETS), "spec.costCenter").getPattern());
    assertThat(tagValue.matcher("support").matches()).isTrue();
    assertThat(tagValue.matcher("Équipe R&D").matches()).isFalse();
    assertThat(tagValue.matcher("Équipe R+D / Paris @2").matches()).isTrue();
    assertThat(tagValue.matcher("cost*center").matches()).isFalse();
  }

  @Test
  void limitsAreBoundedUniqueAndTakeExactlyOneMaximum() {
    JSONSchemaProps limits = at(schema(COST_CENTER_BUDGETS), "spec.limits");
    assertThat(limits.getMinItems()).isEqualTo(1L);
    assertThat(limits.getMaxItems()).isEqualTo(50L);
    assertThat(rules(limits))
        .containsEntry(BudgetLimit.RULE_UNIQUE_NAMES, "limit names must be unique");

    JSONSchemaProps limit = limits.getItems().getSchema();
    assertThat(limit.getRequired()).containsExactlyInAnyOrder("name", "period");
    assertThat(rules(limit)).containsKey(BudgetLimit.RULE_EXACTLY_ONE_MAXIMUM);
    assertThat(enumOf(at(limit, "period")))
        .containsExactlyInAnyOrder("Minute", "Hour", "Day", "Month");
    assertThat(at(limit, "name").getPattern()).isEqualTo(ApiPatterns.DNS_LABEL);
    assertThat(at(limit, "name").getMaxLength()).isEqualTo(63L);
    assertThat(at(limit, "timeZone").getPattern()).isEqualTo(ApiPatterns.IANA_TIME_ZONE);
    assertThat(at(limit, "maxCostUSD").getType()).isEqualTo("number");
    assertThat(at(limit, "maxCostUSD").getExclusiveMinimum()).isTrue();
    assertThat(at(limit, "maxCostUSD").getMinimum()).isEqualTo(0.0);
    for (String tokens : List.of("maxInputTokens", "maxOutputTokens", "maxTotalTokens")) {
      assertThat(at(limit, tokens).getType()).isEqualTo("integer");
      assertThat(at(limit, tokens).getMinimum()).isEqualTo(1.0);
    }
    assertThat(rules(at(limit, "scope"))).containsKey(LimitScope.RULE_NOT_EMPTY);
  }

  @Test
  void inferenceProfileTagsCannotOverrideCostSentrysTags() {
    JSONSchemaProps tags = at(schema(COST_CENTER_BUDGETS), "spec.inferenceProfiles.tags");
    assertThat(tags.getMaxProperties()).isEqualTo(40L);
    assertThat(rules(tags))
        .containsKeys(
            InferenceProfilesSpec.RULE_RESERVED_TAGS,
            InferenceProfilesSpec.RULE_TAG_KEYS,
            InferenceProfilesSpec.RULE_TAG_VALUES);
  }

  @Test
  void namespaceSelectorIsADescribedLabelSelector() {
    JSONSchemaProps requirement =
        at(schema(COST_CENTER_BUDGETS), "spec.namespaceSelector.matchExpressions[]");
    assertThat(requirement.getRequired()).containsExactlyInAnyOrder("key", "operator");
    assertThat(enumOf(at(requirement, "operator")))
        .containsExactlyInAnyOrder("In", "NotIn", "Exists", "DoesNotExist");
  }

  @Test
  void modelAliasRequiresAModelIdAndBoundsItsDefaults() {
    JSONSchemaProps spec = at(schema(MODEL_ALIASES), "spec");
    assertThat(spec.getRequired()).containsExactly("modelId");
    assertThat(rules(spec)).containsKey(ModelAliasSpec.RULE_DEFAULT_WITHIN_CEILING);
    assertThat(at(spec, "pricing").getRequired())
        .containsExactlyInAnyOrder("inputPerMillion", "outputPerMillion");
    for (String p : List.of("temperature", "topP")) {
      assertThat(at(spec, "defaults." + p).getMinimum()).isEqualTo(0.0);
      assertThat(at(spec, "defaults." + p).getMaximum()).isEqualTo(1.0);
    }
    assertThat(rules(at(spec, "limits")))
        .containsKeys(BudgetLimit.RULE_UNIQUE_NAMES, ModelAliasSpec.RULE_NO_MODEL_SCOPE);
    assertThat(rules(at(spec, "limits[]"))).containsKey(BudgetLimit.RULE_EXACTLY_ONE_MAXIMUM);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "amazon.nova-lite-v1:0",
        "meta.llama3-1-8b-instruct-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
        "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
      })
  void modelIdPatternAcceptsModelIdsProfileIdsAndArns(String modelId) {
    assertThat(modelIdPattern().matcher(modelId).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "Anthropic.Claude", "arn:aws:s3:::bucket/key", "a b.c", ""})
  void modelIdPatternRefusesOtherStrings(String modelId) {
    assertThat(modelIdPattern().matcher(modelId).matches()).isFalse();
  }

  private static Pattern modelIdPattern() {
    return Pattern.compile(at(schema(MODEL_ALIASES), "spec.modelId").getPattern());
  }

  private static List<String> enumOf(JSONSchemaProps props) {
    return props.getEnum().stream().map(n -> n.asText()).toList();
  }

  private static Map<String, String> rules(JSONSchemaProps props) {
    List<ValidationRule> rules = props.getXKubernetesValidations();
    assertThat(rules).as("x-kubernetes-validations").isNotNull();
    return rules.stream()
        .collect(Collectors.toMap(ValidationRule::getRule, ValidationRule::getMessage));
  }

  private static void collectUndescribed(JSONSchemaProps node, String path, List<String> out) {
    if (node.getProperties() != null) {
      node.getProperties()
          .forEach(
              (name, child) -> {
                String childPath = path + "." + name;
                if (child.getDescription() == null || child.getDescription().isBlank()) {
                  out.add(childPath);
                }
                collectUndescribed(child, childPath, out);
              });
    }
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      collectUndescribed(node.getItems().getSchema(), path + "[]", out);
    }
  }
}

package io.costsentry.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.costsentry.sidecar.config.CrdSchemaValidator.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdSchemaValidatorTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final CrdSchemaValidator BUDGETS =
      CrdSchemaValidator.fromClasspath(
          "/META-INF/fabric8/costcenterbudgets.costsentry.io-v1.yml", "v1alpha1");

  @Test
  void everyCelRuleOfBothCrdsHasAJavaCheck() {
    // construction fails on a rule without one
    CrdSchemaValidator.fromClasspath(
        "/META-INF/fabric8/modelaliases.costsentry.io-v1.yml", "v1alpha1");
    assertThat(BUDGETS).isNotNull();
  }

  @Test
  void aCelRuleWithoutAJavaCheckFailsFast() {
    JsonNode schema =
        tree(
            """
            type: object
            properties:
              spec:
                type: object
                x-kubernetes-validations:
                  - rule: "self.size() > 1"
                    message: nope
            """);
    assertThatThrownBy(() -> new CrdSchemaValidator(schema))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("self.size() > 1");
  }

  @Test
  void fillsInTheSchemaDefaultsInPlace() {
    ObjectNode budget = budget("limits: [{name: daily, period: Day, maxCostUSD: 1}]");
    assertThat(BUDGETS.validate(budget)).isEmpty();
    assertThat(budget.at("/spec/enforcement").asText()).isEqualTo("Enforce");
    assertThat(budget.at("/spec/failurePolicy").asText()).isEqualTo("FailClosed");
    assertThat(budget.at("/spec/alertThresholds").toString()).isEqualTo("[50,80,100]");
  }

  @Test
  void nullFieldsAreDroppedLikeTheApiServerDoes() {
    ObjectNode budget =
        budget("costCenter: null\nlimits: [{name: daily, period: Day, maxCostUSD: 1}]");
    assertThat(BUDGETS.validate(budget)).isEmpty();
    assertThat(budget.at("/spec").has("costCenter")).isFalse();
  }

  @Test
  void boundsListLengths() {
    StringBuilder limits = new StringBuilder("limits:\n");
    for (int i = 0; i < 51; i++) {
      limits.append("  - {name: l").append(i).append(", period: Day, maxCostUSD: 1}\n");
    }
    assertThat(BUDGETS.validate(budget(limits.toString())))
        .containsExactly(new FieldError("spec.limits", "Too many: 51: must have at most 50 items"));
  }

  @Test
  void boundsStringLengths() {
    String longName = "x".repeat(129);
    assertThat(
            BUDGETS.validate(
                budget(
                    "costCenter: "
                        + longName
                        + "\nlimits: [{name: daily, period: Day, maxCostUSD: 1}]")))
        .containsExactly(new FieldError("spec.costCenter", "Too long: may not be longer than 128"));
  }

  @Test
  void aBudgetNamedBeyond128CharactersNeedsACostCenter() {
    ObjectNode budget = budget("limits: [{name: daily, period: Day, maxCostUSD: 1}]");
    ((ObjectNode) budget.get("metadata")).put("name", "b".repeat(129));
    assertThat(BUDGETS.validate(budget))
        .containsExactly(
            new FieldError(
                "spec.costCenter",
                "Invalid value: \"object\": metadata.name is longer than 128 characters: set"
                    + " spec.costCenter"));
  }

  @Test
  void tagValuesAreBoundedAwsTagValues() {
    List<FieldError> errors =
        BUDGETS.validate(
            budget(
                "limits: [{name: daily, period: Day, maxCostUSD: 1}]\n"
                    + "inferenceProfiles: {tags: {team: \"a*b\"}}"));
    assertThat(errors)
        .containsExactly(
            new FieldError(
                "spec.inferenceProfiles.tags",
                "Invalid value: \"object\": tag values must be at most 256 letters, digits,"
                    + " spaces or _.:/=+-@"));
  }

  @Test
  void aRuleIsNotEvaluatedOnAStructurallyInvalidValue() {
    // maxCostUSD has the wrong type: the exactly-one rule would be noise
    assertThat(BUDGETS.validate(budget("limits: [{name: daily, period: Day, maxCostUSD: x}]")))
        .extracting(FieldError::field)
        .containsExactly("spec.limits[0].maxCostUSD");
  }

  private static ObjectNode budget(String specYaml) {
    ObjectNode budget =
        (ObjectNode)
            tree(
                "apiVersion: costsentry.io/v1alpha1\nkind: CostCenterBudget\n"
                    + "metadata: {name: support}\n");
    budget.set("spec", tree(specYaml));
    return budget;
  }

  private static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}

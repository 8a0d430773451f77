package io.costsentry.crds.v1alpha1.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the API server checks of the CEL rules when the CRD itself is applied: each must compile
 * against the schema (a misspelt field, a wrong overload refuse the whole CRD) and return a bool,
 * and its estimated cost must stay within the limit, which needs bounded inputs.
 */
class CrdRulesCompileTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {"modelaliases.costsentry.io-v1.yml", "costcenterbudgets.costsentry.io-v1.yml"})
  void everyCelRuleOfTheGeneratedCrdsCompiles(String crd) {
    ApiServerRules rules = ApiServerRules.ofGeneratedCrd(crd);
    assertThat(rules.ruleCount()).isPositive();
    assertThat(rules.compileErrors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"modelaliases.costsentry.io-v1.yml", "costcenterbudgets.costsentry.io-v1.yml"})
  void everyCelRuleReadsOnlyBoundedStringsListsAndMaps(String crd) {
    assertThat(ApiServerRules.ofGeneratedCrd(crd).unboundedRuleInputs()).isEmpty();
  }

  @Test
  void aMisspeltFieldOrANonBooleanRuleIsRefused() throws IOException {
    ApiServerRules rules =
        ApiServerRules.ofCrd(
            crd(
                """
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      name: {type: string, maxLength: 10}
                    x-kubernetes-validations:
                      - rule: "has(self.nmae)"
                      - rule: "self.name"
                """));
    assertThat(rules.compileErrors())
        .hasSize(2)
        .anySatisfy(e -> assertThat(e).contains("undefined field 'nmae'"))
        .anySatisfy(e -> assertThat(e).contains("must evaluate to a bool"));
  }

  @Test
  void aRuleMatchingUnboundedMapValuesIsFlagged() throws IOException {
    // The tag values rule before the values had a maxLength: the API server estimates each
    // value at the size of a whole request and refuses the CRD.
    ApiServerRules rules =
        ApiServerRules.ofCrd(
            crd(
                """
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      tags:
                        type: object
                        maxProperties: 40
                        additionalProperties: {type: string}
                        x-kubernetes-validations:
                          - rule: "self.all(k, k.matches('^[a-z]+$') && self[k].matches('^[a-z]*$'))"
                      names:
                        type: array
                        items: {type: string, maxLength: 5}
                        x-kubernetes-validations:
                          - rule: "self.all(n, n != 'x')"
                """));
    assertThat(rules.compileErrors()).isEmpty();
    assertThat(rules.unboundedRuleInputs())
        .containsExactlyInAnyOrder(
            "openAPIV3Schema.properties[spec].properties[tags].x-kubernetes-validations[0].rule"
                + " self.@values: matches reads this string, which has no maxLength",
            "openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0].rule"
                + " self: a rule iterates this list, which has no maxItems");
  }

  private static JsonNode crd(String openApiV3Schema) throws IOException {
    JsonNode schema = YAML.readTree(openApiV3Schema);
    return YAML.createObjectNode()
        .set(
            "spec",
            YAML.createObjectNode()
                .put("group", "example.com")
                .set(
                    "versions",
                    YAML.createArrayNode()
                        .add(
                            YAML.createObjectNode()
                                .put("name", "v1")
                                .set(
                                    "schema",
                                    YAML.createObjectNode().set("openAPIV3Schema", schema)))));
  }
}

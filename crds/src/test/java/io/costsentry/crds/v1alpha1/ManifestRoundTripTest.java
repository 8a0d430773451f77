package io.costsentry.crds.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests read into the types as Fabric8 reads them, and write back unchanged. */
class ManifestRoundTripTest {
  private static final ObjectMapper YAML = new YAMLMapper();

  /** 4 and 4.0 are the same price: Fabric8 reads YAML numbers through SnakeYAML. */
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? a.decimalValue().compareTo(b.decimalValue())
              : a.equals(b) ? 0 : 1;

  @Test
  void modelAliasReadsEveryField() throws IOException {
    ModelAlias alias = read("model-alias.yaml", ModelAlias.class);
    assertThat(alias.getMetadata().getName()).isEqualTo("claude-3-5-haiku");
    assertThat(alias.getApiVersion()).isEqualTo(CostSentryApi.API_VERSION);
    ModelAliasSpec spec = alias.getSpec();
    assertThat(spec.getModelId()).isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
    assertThat(spec.getPricing().getInputPerMillion()).isEqualByComparingTo("0.8");
    assertThat(spec.getPricing().getCacheWritePerMillion()).isEqualByComparingTo("1");
    assertThat(spec.getDefaults().getMaxTokens()).isEqualTo(512);
    assertThat(spec.getDefaults().getTopK()).isEqualTo(250);
    assertThat(spec.getMaxOutputTokens()).isEqualTo(4096);
    assertThat(spec.getLimits())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.getPeriod()).isEqualTo(Period.MINUTE);
              assertThat(l.getMaxInputTokens()).isEqualTo(2_000_000L);
              assertThat(l.getScope().getEnvironment()).isEqualTo("production");
            });
  }

  @Test
  void costCenterBudgetReadsEveryField() throws IOException {
    CostCenterBudget budget = read("cost-center-budget.yaml", CostCenterBudget.class);
    CostCenterBudgetSpec spec = budget.getSpec();
    assertThat(spec.getEnforcement()).isEqualTo(Enforcement.MONITOR);
    assertThat(spec.getFailurePolicy()).isEqualTo(FailurePolicy.FAIL_OPEN);
    assertThat(spec.getNamespaceSelector().getMatchExpressions().get(0).getOperator())
        .isEqualTo("In");
    assertThat(spec.getLimits().get(0).getMaxCostUSD())
        .isEqualByComparingTo(new BigDecimal("25.10"));
    assertThat(spec.getLimits().get(0).getTimeZone()).isEqualTo("Europe/Paris");
    assertThat(spec.getLimits().get(1).getScope().getModel()).isEqualTo("claude-3-5-haiku");
    assertThat(spec.getAlertThresholds()).containsExactly(50, 90, 120);
    assertThat(spec.getInferenceProfiles().getTags()).containsEntry("team", "customer-care");
    assertThat(spec.getAwsBudget().getMonthlyLimitUSD()).isEqualByComparingTo("500");
    CostCenterBudgetStatus status = budget.getStatus();
    assertThat(status.getLimits().get(0).getUnit()).isEqualTo(LimitUnit.USD);
    assertThat(status.getBilledCost().getAmountUSD()).isEqualByComparingTo("301.27");
    assertThat(status.getConditions().get(0).getStatus()).isEqualTo(Condition.TRUE);
  }

  @Test
  void specsWriteBackWhatWasRead() throws IOException {
    for (var fixture :
        Map.of(
                "model-alias.yaml",
                ModelAlias.class,
                "cost-center-budget.yaml",
                CostCenterBudget.class)
            .entrySet()) {
      JsonNode original = tree(fixture.getKey());
      Object typed = read(fixture.getKey(), fixture.getValue());
      JsonNode written = YAML.readTree(Serialization.asYaml(typed));
      assertThat(written.get("spec").equals(NUMBERS_BY_VALUE, original.get("spec")))
          .as("%s written back:%n%s", fixture.getKey(), written.get("spec"))
          .isTrue();
    }
  }

  @Test
  void absentOptionalFieldsAreNotWritten() {
    CostCenterBudgetSpec spec = new CostCenterBudgetSpec();
    assertThat(Serialization.asJson(spec)).isEqualTo("{}");
  }

  private static <T> T read(String fixture, Class<T> type) throws IOException {
    try (InputStream in = open(fixture)) {
      return Serialization.unmarshal(in, type);
    }
  }

  private static JsonNode tree(String fixture) throws IOException {
    try (InputStream in = open(fixture)) {
      return YAML.readTree(in);
    }
  }

  private static InputStream open(String fixture) {
    return ManifestRoundTripTest.class.getResourceAsStream("/fixtures/" + fixture);
  }
}

package io.costsentry.operator.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.pricing.PriceTable;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {
  private final ManifestValidator validator = new ManifestValidator(PriceTable.builtIn());

  private static ModelAlias alias(String modelId) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"ModelAlias",
         "metadata":{"name":"haiku","uid":"u1","resourceVersion":"7"},
         "spec":{"modelId":"%s"}}"""
            .formatted(modelId),
        ModelAlias.class);
  }

  private static CostCenterBudget budget(String scopeModel) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget",
         "metadata":{"name":"support"},
         "spec":{"limits":[{"name":"daily","period":"Day","maxCostUSD":25,
                            "scope":{"model":"%s"}}]}}"""
            .formatted(scopeModel),
        CostCenterBudget.class);
  }

  @Test
  void theRecordHoldsOnlyApiVersionKindNameAndSpec() {
    String json = ManifestJson.of(alias("us.anthropic.claude-3-5-haiku-20241022-v1:0"));
    assertThat(json)
        .isEqualTo(
            "{\"apiVersion\":\"costsentry.io/v1alpha1\",\"kind\":\"ModelAlias\","
                + "\"metadata\":{\"name\":\"haiku\"},"
                + "\"spec\":{\"modelId\":\"us.anthropic.claude-3-5-haiku-20241022-v1:0\"}}");
  }

  @Test
  void anAliasOfAKnownModelIsPricedFromTheBuiltInTable() {
    ManifestValidator.Result<AliasPolicy> r =
        validator.alias(alias("us.anthropic.claude-3-5-haiku-20241022-v1:0"));
    assertThat(r.valid()).isTrue();
    assertThat(r.policy().pricingSource()).isEqualTo("builtin");
  }

  @Test
  void anAliasOfAnUnpricedModelNamesSpecPricing() {
    ManifestValidator.Result<AliasPolicy> r = validator.alias(alias("acme.unknown-model-v1:0"));
    assertThat(r.valid()).isFalse();
    assertThat(r.onlyAbout("spec.pricing")).isTrue();
    assertThat(r.message()).startsWith("spec.pricing: ");
  }

  @Test
  void aBudgetScopedToAKnownAliasMapsToItsLimits() {
    ManifestValidator.Result<BudgetPolicy> r = validator.budget(budget("haiku"), List.of("haiku"));
    assertThat(r.valid()).isTrue();
    assertThat(r.policy().costCenter()).isEqualTo("support");
    assertThat(r.policy().limits())
        .singleElement()
        .satisfies(l -> assertThat(l.amount()).isEqualTo(25_000_000L));
  }

  @Test
  void aBudgetScopedToAnUnknownAliasNamesTheField() {
    ManifestValidator.Result<BudgetPolicy> r = validator.budget(budget("nope"), List.of("haiku"));
    assertThat(r.valid()).isFalse();
    assertThat(r.message()).contains("spec.limits[0].scope.model").contains("nope");
  }
}

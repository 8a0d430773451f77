package io.costsentry.operator.it;

import io.costsentry.crds.v1alpha1.BudgetLimit;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;

/** Builders of the custom resources the integration tests apply. */
final class Manifests {
  static final String HAIKU = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
  static final String NOVA = "us.amazon.nova-lite-v1:0";

  private Manifests() {}

  static ModelAlias alias(String name, String modelId) {
    return Serialization.unmarshal(
        """
        {"apiVersion":"costsentry.io/v1alpha1","kind":"ModelAlias","metadata":{"name":"%s"},
         "spec":{"modelId":"%s"}}"""
            .formatted(name, modelId),
        ModelAlias.class);
  }

  /**
   * A budget with one daily USD limit and, when {@code aliases} is not empty, profiles for them.
   */
  static CostCenterBudget budget(
      String name, String limitName, String usd, List<String> aliases, Map<String, String> tags) {
    CostCenterBudget b =
        Serialization.unmarshal(
            """
            {"apiVersion":"costsentry.io/v1alpha1","kind":"CostCenterBudget","metadata":{"name":"%s"},
             "spec":{"limits":[],"inferenceProfiles":{"enabled":%s}}}"""
                .formatted(name, !aliases.isEmpty()),
            CostCenterBudget.class);
    b.getSpec().getLimits().add(limit(limitName, "Day", usd));
    if (!aliases.isEmpty()) {
      b.getSpec().getInferenceProfiles().setAliases(aliases);
      b.getSpec().getInferenceProfiles().setTags(tags.isEmpty() ? null : tags);
    }
    return b;
  }

  /** As {@link #budget}, charging {@code costCenter} instead of its name. */
  static CostCenterBudget budget(String name, String costCenter, List<String> aliases) {
    CostCenterBudget b = budget(name, "daily-cost", "25", aliases, Map.of());
    b.getSpec().setCostCenter(costCenter);
    return b;
  }

  static BudgetLimit limit(String name, String period, String usd) {
    return Serialization.unmarshal(
        "{\"name\":\"%s\",\"period\":\"%s\",\"maxCostUSD\":%s}".formatted(name, period, usd),
        BudgetLimit.class);
  }
}

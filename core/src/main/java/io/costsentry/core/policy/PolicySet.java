package io.costsentry.core.policy;

import java.util.Map;
import java.util.Optional;

/** Everything a sidecar enforces: the model aliases by name and the budgets by cost center. */
public record PolicySet(Map<String, AliasPolicy> aliases, Map<String, BudgetPolicy> budgets) {
  public PolicySet {
    aliases = Map.copyOf(aliases);
    budgets = Map.copyOf(budgets);
  }

  public Optional<BudgetPolicy> budgetFor(String costCenter) {
    return Optional.ofNullable(budgets.get(costCenter));
  }

  /**
   * The alias a request names: by alias name first, then by the alias's model id, so apps that send
   * the raw model id are still priced and limited.
   */
  public Optional<AliasPolicy> resolveModel(String aliasOrModelId) {
    AliasPolicy byName = aliases.get(aliasOrModelId);
    if (byName != null) {
      return Optional.of(byName);
    }
    return aliases.values().stream().filter(a -> a.modelId().equals(aliasOrModelId)).findFirst();
  }
}

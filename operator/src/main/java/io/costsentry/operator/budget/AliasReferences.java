package io.costsentry.operator.budget;

import io.costsentry.crds.v1alpha1.BudgetLimit;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetSpec;
import io.costsentry.crds.v1alpha1.InferenceProfileStatus;
import io.costsentry.crds.v1alpha1.InferenceProfilesSpec;
import java.util.Objects;

/**
 * Which budgets a ModelAlias matters to, so that an alias event re-reconciles those budgets and not
 * every budget: a budget that may have a profile for the alias (profiles enabled, and the alias
 * selected, explicitly or by selecting all), one that has one in its status (to delete it), and one
 * whose limits name it in {@code scope.model} (its validity depends on the alias existing).
 */
public final class AliasReferences {
  private AliasReferences() {}

  public static boolean uses(CostCenterBudget budget, String alias) {
    return selectsProfile(budget.getSpec(), alias)
        || scopes(budget.getSpec(), alias)
        || hasProfile(budget, alias);
  }

  private static boolean selectsProfile(CostCenterBudgetSpec spec, String alias) {
    InferenceProfilesSpec profiles = spec == null ? null : spec.getInferenceProfiles();
    if (profiles == null) {
      return true; // enabled for every alias by default
    }
    if (profiles.getEnabled() != null && !profiles.getEnabled()) {
      return false;
    }
    return profiles.getAliases() == null || profiles.getAliases().contains(alias);
  }

  private static boolean scopes(CostCenterBudgetSpec spec, String alias) {
    if (spec == null || spec.getLimits() == null) {
      return false;
    }
    return spec.getLimits().stream()
        .map(BudgetLimit::getScope)
        .filter(Objects::nonNull)
        .anyMatch(scope -> alias.equals(scope.getModel()));
  }

  private static boolean hasProfile(CostCenterBudget budget, String alias) {
    return budget.getStatus() != null
        && budget.getStatus().getInferenceProfiles() != null
        && budget.getStatus().getInferenceProfiles().stream()
            .map(InferenceProfileStatus::getAlias)
            .anyMatch(alias::equals);
  }
}

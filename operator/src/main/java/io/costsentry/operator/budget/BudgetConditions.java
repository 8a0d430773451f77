package io.costsentry.operator.budget;

import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.CostCenterBudgetStatus;
import io.costsentry.crds.v1alpha1.InferenceProfilesSpec;
import io.costsentry.crds.v1alpha1.LimitStatus;
import io.costsentry.operator.billing.Problem;
import io.costsentry.operator.status.Conditions;
import java.util.List;

/** The ProfilesReady, BudgetExceeded and Degraded conditions of a reconciled budget. */
final class BudgetConditions {
  private BudgetConditions() {}

  static Condition profilesReady(CostCenterBudget budget, BudgetProfiles.Outcome outcome) {
    InferenceProfilesSpec spec = budget.getSpec().getInferenceProfiles();
    boolean enabled = spec == null || spec.getEnabled() == null || spec.getEnabled();
    String type = CostCenterBudgetStatus.CONDITION_PROFILES_READY;
    if (!outcome.failed().isEmpty()) {
      return Conditions.of(
          type, false, BudgetReasons.PROFILE_ERROR, String.join("; ", outcome.failed()));
    }
    if (!enabled) {
      return Conditions.of(
          type, true, BudgetReasons.PROFILES_DISABLED, "spec.inferenceProfiles.enabled is false");
    }
    if (!outcome.waiting().isEmpty()) {
      return Conditions.of(
          type,
          false,
          BudgetReasons.ALIAS_NOT_READY,
          "waiting for ModelAlias(es) to exist and be Ready: "
              + String.join(", ", outcome.waiting()));
    }
    return Conditions.of(
        type,
        true,
        BudgetReasons.PROFILES_READY,
        outcome.profiles().size() + " application inference profile(s) tagged and routed");
  }

  static Condition exceeded(List<LimitStatus> limits) {
    List<String> full =
        limits == null
            ? List.of()
            : limits.stream()
                .filter(l -> l.getPercent() != null && l.getPercent() >= 100)
                .map(LimitStatus::getName)
                .toList();
    return full.isEmpty()
        ? Conditions.of(
            CostCenterBudgetStatus.CONDITION_BUDGET_EXCEEDED,
            false,
            BudgetReasons.WITHIN_LIMITS,
            "every limit is below 100%")
        : Conditions.of(
            CostCenterBudgetStatus.CONDITION_BUDGET_EXCEEDED,
            true,
            BudgetReasons.LIMIT_REACHED,
            "used up in the current window: " + String.join(", ", full));
  }

  static Condition degraded(
      String ledgerProblem, BudgetProfiles.Outcome outcome, List<Problem> billingProblems) {
    String type = CostCenterBudgetStatus.CONDITION_DEGRADED;
    if (ledgerProblem != null) {
      return Conditions.of(
          type,
          true,
          BudgetReasons.LEDGER_UNAVAILABLE,
          "usage not refreshed, the ledger cannot be read: " + ledgerProblem);
    }
    if (!outcome.failed().isEmpty()) {
      return Conditions.of(
          type, true, BudgetReasons.PROFILE_ERROR, String.join("; ", outcome.failed()));
    }
    if (!billingProblems.isEmpty()) {
      // Optional trailing indicators: enforcement is unaffected, but the user must see why.
      return Conditions.of(
          type,
          true,
          billingProblems.getFirst().reason(),
          String.join(
              "; ", billingProblems.stream().map(p -> p.reason() + ": " + p.message()).toList()));
    }
    return Conditions.of(type, false, BudgetReasons.HEALTHY, "ledger and profiles reachable");
  }
}

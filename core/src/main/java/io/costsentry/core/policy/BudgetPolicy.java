package io.costsentry.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The budget of one cost center, free of Kubernetes types: what the sidecar enforces.
 *
 * @param name the CostCenterBudget's metadata.name, used in messages
 * @param alertThresholds percentages at which alerts fire, ascending
 */
public record BudgetPolicy(
    String name,
    String costCenter,
    Enforcement enforcement,
    FailurePolicy failurePolicy,
    List<LimitPolicy> limits,
    List<Integer> alertThresholds) {
  public BudgetPolicy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(costCenter, "costCenter");
    enforcement = enforcement == null ? Enforcement.ENFORCE : enforcement;
    failurePolicy = failurePolicy == null ? FailurePolicy.FAIL_CLOSED : failurePolicy;
    limits = List.copyOf(limits == null ? List.of() : limits);
    alertThresholds =
        List.copyOf(
            alertThresholds == null || alertThresholds.isEmpty()
                ? List.of(50, 80, 100)
                : alertThresholds.stream().sorted().toList());
  }
}

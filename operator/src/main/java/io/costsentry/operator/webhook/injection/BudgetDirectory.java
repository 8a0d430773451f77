package io.costsentry.operator.webhook.injection;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import java.util.Optional;
import java.util.SortedSet;

/** The CostCenterBudgets the webhook knows, looked up by the cost center they govern. */
public interface BudgetDirectory {
  /** The budget governing {@code costCenter} (the oldest, when several name it). */
  Optional<CostCenterBudget> governing(String costCenter);

  /** Every cost center some budget governs, for error messages. */
  SortedSet<String> costCenters();
}

package io.costsentry.operator.webhook.validation;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.budget.CostCenterOwnership;
import io.costsentry.operator.webhook.WebhookMetrics;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import io.javaoperatorsdk.webhook.admission.Operation;
import io.javaoperatorsdk.webhook.admission.validation.Validator;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The validating webhook: a cost center has one budget. A second budget for a cost center is
 * refused when created; an existing one may still be edited unless an older budget governs its cost
 * center (one that slipped in while the webhook was down keeps being refused changes other than a
 * new {@code spec.costCenter}). The reconciler marks such duplicates too, for the time the webhook
 * cannot see.
 */
public final class BudgetUniqueness implements Validator<CostCenterBudget> {
  private final Supplier<Collection<CostCenterBudget>> budgets;
  private final WebhookMetrics metrics;

  public BudgetUniqueness(Supplier<Collection<CostCenterBudget>> budgets, WebhookMetrics metrics) {
    this.budgets = budgets;
    this.metrics = metrics;
  }

  @Override
  public void validate(CostCenterBudget budget, CostCenterBudget old, Operation operation)
      throws NotAllowedException {
    if (operation != Operation.CREATE && operation != Operation.UPDATE) {
      return;
    }
    String costCenter = CostCenterOwnership.costCenter(budget);
    String name = budget.getMetadata().getName();
    Optional<CostCenterBudget> other =
        operation == Operation.CREATE
            ? budgets.get().stream()
                .filter(b -> !b.getMetadata().getName().equals(name))
                .filter(b -> costCenter.equals(CostCenterOwnership.costCenter(b)))
                .min(CostCenterOwnership.OLDER_FIRST)
            : CostCenterOwnership.governing(budget, costCenter, budgets.get().stream());
    if (other.isPresent()) {
      metrics.admission(WebhookMetrics.VALIDATOR, "refused");
      throw new NotAllowedException(
          "CostCenterBudget "
              + name
              + ": spec.costCenter \""
              + costCenter
              + "\" already has a budget, CostCenterBudget "
              + other.get().getMetadata().getName()
              + "; a cost center has one budget: change that one, or set another"
              + " spec.costCenter",
          409);
    }
    metrics.admission(WebhookMetrics.VALIDATOR, "allowed");
  }
}

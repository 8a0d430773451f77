package io.costsentry.operator.billing;

import java.util.Optional;

/**
 * What the operator asks AWS Budgets (aws-wire.md §7), for one account. Throws {@code
 * PermanentAwsException} / {@code TransientAwsException} as {@link CostExplorer} does.
 */
public interface Budgets {
  /** The budget named {@code name} with its notifications, if it exists. */
  Optional<AwsBudget> describe(String name);

  /** Creates the budget with its notifications. */
  void create(AwsBudget budget);

  /** Sets limit and filter of an existing budget; notifications are left alone. */
  void update(AwsBudget budget);

  void createNotification(String budget, AwsBudget.Notice notice);

  void deleteNotification(String budget, AwsBudget.Notice notice);

  /** Deletes the budget; one that does not exist counts as deleted. */
  void delete(String name);
}

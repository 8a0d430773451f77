/** The CostSentry operator: reconciles ModelAlias and CostCenterBudget resources. */
package io.costsentry.operator;

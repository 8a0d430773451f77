package io.costsentry.crds.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The budget of one cost center. Cluster-scoped: a cost center spans namespaces, chosen by {@code
 * spec.namespaceSelector}.
 *
 * <p>{@code kubectl get ccb} shows the cost center in force, the enforcement mode, the percent used
 * of the most used limit and readiness ({@code -o wide} adds the limit's name). Fabric8 orders the
 * columns by JSON path, hence Age first.
 */
@Group(CostSentryApi.GROUP)
@Version(CostSentryApi.VERSION)
@Kind(CostCenterBudget.KIND)
@Singular("costcenterbudget")
@Plural("costcenterbudgets")
@ShortNames("ccb")
@AdditionalPrinterColumn(
    name = "Cost Center",
    jsonPath = ".status.costCenter",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Enforcement",
    jsonPath = ".spec.enforcement",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Used %",
    jsonPath = ".status.mostUsedPercent",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Most Used",
    jsonPath = ".status.mostUsedLimit",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Billed USD",
    jsonPath = ".status.billedCost.amountUSD",
    type = AdditionalPrinterColumn.Type.NUMBER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = CostCenterBudget.RULE_NAME_FITS_A_TAG,
    message = CostCenterBudget.RULE_NAME_FITS_A_TAG_MESSAGE,
    fieldPath = ".spec.costCenter")
public class CostCenterBudget extends CustomResource<CostCenterBudgetSpec, CostCenterBudgetStatus> {
  public static final String KIND = "CostCenterBudget";

  // The cost center defaults to metadata.name and becomes an AWS tag value: at most 128 chars.
  public static final String RULE_NAME_FITS_A_TAG =
      "has(self.spec.costCenter) || size(self.metadata.name) <= 128";
  public static final String RULE_NAME_FITS_A_TAG_MESSAGE =
      "metadata.name is longer than 128 characters: set spec.costCenter";

  // Overridden only to mark spec as required in the generated schema.
  @Override
  @Required
  public CostCenterBudgetSpec getSpec() {
    return super.getSpec();
  }
}

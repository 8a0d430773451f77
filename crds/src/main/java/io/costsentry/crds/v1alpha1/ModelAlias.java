package io.costsentry.crds.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A name apps may use instead of a Bedrock model id, with the model's prices, request defaults and
 * global limits. Cluster-scoped (not {@link Namespaced}): one alias serves every cost center.
 */
@Group(CostSentryApi.GROUP)
@Version(CostSentryApi.VERSION)
@Kind(ModelAlias.KIND)
@Singular("modelalias")
@Plural("modelaliases")
@ShortNames("ma")
@AdditionalPrinterColumn(
    name = "Model",
    jsonPath = ".spec.modelId",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Pricing",
    jsonPath = ".status.pricingSource",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ModelAlias extends CustomResource<ModelAliasSpec, ModelAliasStatus> {
  public static final String KIND = "ModelAlias";

  // Overridden only to mark spec as required in the generated schema.
  @Override
  @Required
  public ModelAliasSpec getSpec() {
    return super.getSpec();
  }
}

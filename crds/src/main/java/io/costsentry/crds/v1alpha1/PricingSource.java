package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the prices in force for a ModelAlias come from. */
public enum PricingSource {
  /** {@code spec.pricing} of the ModelAlias. */
  @JsonProperty("Manifest")
  MANIFEST,
  /** CostSentry's built-in table of Bedrock on-demand list prices. */
  @JsonProperty("BuiltIn")
  BUILT_IN
}

package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;

/** What the operator observed of a ModelAlias. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelAliasStatus {
  /** The alias is validated, priced and published to the ledger. */
  public static final String CONDITION_READY = "Ready";

  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  @Min(0)
  private Long observedGeneration;

  @JsonPropertyDescription("Conditions of the alias: Ready.")
  private List<Condition> conditions;

  @JsonPropertyDescription(
      "ARN of the model or inference profile spec.modelId resolved to in the operator's region.")
  private String modelArn;

  @JsonPropertyDescription("Where the prices in force come from: Manifest or BuiltIn.")
  private PricingSource pricingSource;

  @JsonPropertyDescription("The prices in force, USD per 1,000,000 tokens.")
  private ModelPricing pricing;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getModelArn() {
    return modelArn;
  }

  public void setModelArn(String modelArn) {
    this.modelArn = modelArn;
  }

  public PricingSource getPricingSource() {
    return pricingSource;
  }

  public void setPricingSource(PricingSource pricingSource) {
    this.pricingSource = pricingSource;
  }

  public ModelPricing getPricing() {
    return pricing;
  }

  public void setPricing(ModelPricing pricing) {
    this.pricing = pricing;
  }
}

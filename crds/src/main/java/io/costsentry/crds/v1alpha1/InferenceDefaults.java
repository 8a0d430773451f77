package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Inference parameters the sidecar sets when a request omits them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceDefaults {
  @JsonPropertyDescription(
      "Maximum output tokens of a request that sets none. Also bounds the cost reserved before"
          + " the call, so set it for every alias that has cost limits.")
  @Min(1)
  @Max(1_000_000)
  private Integer maxTokens;

  @JsonPropertyDescription("Sampling temperature, 0 to 1.")
  @Min(0)
  @Max(1)
  private Double temperature;

  @JsonPropertyDescription("Nucleus sampling probability mass, 0 to 1.")
  @Min(0)
  @Max(1)
  private Double topP;

  @JsonPropertyDescription(
      "Number of most likely tokens to sample from (models that support it, e.g. Anthropic).")
  @Min(1)
  @Max(1_000_000)
  private Integer topK;

  public Integer getMaxTokens() {
    return maxTokens;
  }

  public void setMaxTokens(Integer maxTokens) {
    this.maxTokens = maxTokens;
  }

  public Double getTemperature() {
    return temperature;
  }

  public void setTemperature(Double temperature) {
    this.temperature = temperature;
  }

  public Double getTopP() {
    return topP;
  }

  public void setTopP(Double topP) {
    this.topP = topP;
  }

  public Integer getTopK() {
    return topK;
  }

  public void setTopK(Integer topK) {
    this.topK = topK;
  }
}

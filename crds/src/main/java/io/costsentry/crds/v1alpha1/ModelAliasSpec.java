package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What a ModelAlias stands for: the model, its prices, request defaults and global limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = ModelAliasSpec.RULE_DEFAULT_WITHIN_CEILING,
    message = ModelAliasSpec.RULE_DEFAULT_WITHIN_CEILING_MESSAGE)
public class ModelAliasSpec {
  public static final String RULE_DEFAULT_WITHIN_CEILING =
      "!has(self.defaults) || !has(self.defaults.maxTokens) || !has(self.maxOutputTokens)"
          + " || self.defaults.maxTokens <= self.maxOutputTokens";
  public static final String RULE_DEFAULT_WITHIN_CEILING_MESSAGE =
      "defaults.maxTokens must not exceed maxOutputTokens";

  public static final String RULE_NO_MODEL_SCOPE =
      "self.all(l, !has(l.scope) || !has(l.scope.model))";
  public static final String RULE_NO_MODEL_SCOPE_MESSAGE =
      "limits of a ModelAlias apply to its own model: scope.model is not allowed";

  @JsonPropertyDescription(
      "The Bedrock model: a foundation model id (anthropic.claude-3-5-haiku-20241022-v1:0), a"
          + " system inference profile id (us.anthropic.claude-3-5-haiku-20241022-v1:0) or an ARN.")
  @Required
  @Pattern(ApiPatterns.BEDROCK_MODEL)
  @Size(min = 1, max = 2048)
  private String modelId;

  @JsonPropertyDescription(
      "Prices of the model. Default: CostSentry's built-in table of Bedrock on-demand list prices"
          + " (us-east-1); required for models the table does not know.")
  private ModelPricing pricing;

  @JsonPropertyDescription("Inference parameters applied when a request omits them.")
  private InferenceDefaults defaults;

  @JsonPropertyDescription(
      "Ceiling on a request's maximum output tokens: larger requests are refused. Default: no"
          + " ceiling.")
  @Min(1)
  @Max(1_000_000)
  private Integer maxOutputTokens;

  @JsonPropertyDescription(
      "Global limits of this model across all cost centers (e.g. the account's tokens per"
          + " minute). Always enforced, whatever a budget's enforcement.")
  @Size(max = 50)
  @ValidationRule(
      value = BudgetLimit.RULE_UNIQUE_NAMES,
      message = BudgetLimit.RULE_UNIQUE_NAMES_MESSAGE)
  @ValidationRule(value = RULE_NO_MODEL_SCOPE, message = RULE_NO_MODEL_SCOPE_MESSAGE)
  private List<BudgetLimit> limits;

  public String getModelId() {
    return modelId;
  }

  public void setModelId(String modelId) {
    this.modelId = modelId;
  }

  public ModelPricing getPricing() {
    return pricing;
  }

  public void setPricing(ModelPricing pricing) {
    this.pricing = pricing;
  }

  public InferenceDefaults getDefaults() {
    return defaults;
  }

  public void setDefaults(InferenceDefaults defaults) {
    this.defaults = defaults;
  }

  public Integer getMaxOutputTokens() {
    return maxOutputTokens;
  }

  public void setMaxOutputTokens(Integer maxOutputTokens) {
    this.maxOutputTokens = maxOutputTokens;
  }

  public List<BudgetLimit> getLimits() {
    return limits;
  }

  public void setLimits(List<BudgetLimit> limits) {
    this.limits = limits;
  }
}

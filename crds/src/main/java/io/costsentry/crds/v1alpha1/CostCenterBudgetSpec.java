package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** The budget of one cost center: who may charge it, its limits and what happens at them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CostCenterBudgetSpec {
  public static final String RULE_UNIQUE_THRESHOLDS =
      "self.all(t, self.filter(u, u == t).size() == 1)";
  public static final String RULE_UNIQUE_THRESHOLDS_MESSAGE = "alert thresholds must be unique";

  @JsonPropertyDescription(
      "Value of the costCenter tag this budget governs, unique across budgets. Default:"
          + " metadata.name.")
  @Pattern(ApiPatterns.AWS_TAG_VALUE)
  @Size(min = 1, max = 128)
  private String costCenter;

  @JsonPropertyDescription(
      "Namespaces whose pods may charge this cost center; a pod anywhere else naming it is"
          + " refused. {} selects every namespace; absent selects none (standalone sidecars"
          + " only).")
  @SchemaFrom(type = LabelSelectorSchema.class)
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription(
      "Enforce denies requests that would cross a limit; Monitor only counts and alerts."
          + " Default: Enforce.")
  @Default("Enforce")
  private Enforcement enforcement;

  @JsonPropertyDescription(
      "What requests get while the ledger cannot be reached: FailClosed refuses them, FailOpen"
          + " forwards them and records their usage later. Default: FailClosed.")
  @Default("FailClosed")
  private FailurePolicy failurePolicy;

  @JsonPropertyDescription("The limits of the cost center, 1 to 50, with unique names.")
  @Required
  @Size(min = 1, max = 50)
  @ValidationRule(
      value = BudgetLimit.RULE_UNIQUE_NAMES,
      message = BudgetLimit.RULE_UNIQUE_NAMES_MESSAGE)
  private List<BudgetLimit> limits;

  @JsonPropertyDescription(
      "Percentages of a limit at which an alert (Kubernetes Event, metric) fires, 1 to 1000."
          + " Default: [50, 80, 100].")
  @Size(min = 1, max = 10)
  @Default("[50, 80, 100]")
  @ValidationRule(value = RULE_UNIQUE_THRESHOLDS, message = RULE_UNIQUE_THRESHOLDS_MESSAGE)
  private List<@Min(1) @Max(1000) Integer> alertThresholds;

  @JsonPropertyDescription(
      "Application inference profiles for this cost center, so AWS bills carry its tags."
          + " Default: enabled for every ModelAlias.")
  private InferenceProfilesSpec inferenceProfiles;

  @JsonPropertyDescription("An AWS Budgets budget on this cost center's billed spend. Optional.")
  private AwsBudgetSpec awsBudget;

  public String getCostCenter() {
    return costCenter;
  }

  public void setCostCenter(String costCenter) {
    this.costCenter = costCenter;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public Enforcement getEnforcement() {
    return enforcement;
  }

  public void setEnforcement(Enforcement enforcement) {
    this.enforcement = enforcement;
  }

  public FailurePolicy getFailurePolicy() {
    return failurePolicy;
  }

  public void setFailurePolicy(FailurePolicy failurePolicy) {
    this.failurePolicy = failurePolicy;
  }

  public List<BudgetLimit> getLimits() {
    return limits;
  }

  public void setLimits(List<BudgetLimit> limits) {
    this.limits = limits;
  }

  public List<Integer> getAlertThresholds() {
    return alertThresholds;
  }

  public void setAlertThresholds(List<Integer> alertThresholds) {
    this.alertThresholds = alertThresholds;
  }

  public InferenceProfilesSpec getInferenceProfiles() {
    return inferenceProfiles;
  }

  public void setInferenceProfiles(InferenceProfilesSpec inferenceProfiles) {
    this.inferenceProfiles = inferenceProfiles;
  }

  public AwsBudgetSpec getAwsBudget() {
    return awsBudget;
  }

  public void setAwsBudget(AwsBudgetSpec awsBudget) {
    this.awsBudget = awsBudget;
  }
}

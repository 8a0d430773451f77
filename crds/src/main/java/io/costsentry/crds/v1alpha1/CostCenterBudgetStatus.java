package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.util.List;

/** What the operator observed of a CostCenterBudget: its windows, profiles and billed cost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CostCenterBudgetStatus {
  /** The budget's limits are published to the ledger. */
  public static final String CONDITION_READY = "Ready";

  /** Every application inference profile of the cost center exists and is tagged. */
  public static final String CONDITION_PROFILES_READY = "ProfilesReady";

  /** At least one limit's current window is used up. */
  public static final String CONDITION_BUDGET_EXCEEDED = "BudgetExceeded";

  /** An optional part (AWS budget, Cost Explorer, tag activation) failed; enforcement works. */
  public static final String CONDITION_DEGRADED = "Degraded";

  /** The bill and the ledger differ beyond the configured tolerance over the same days. */
  public static final String CONDITION_BILLING_DRIFT = "BillingDrift";

  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  @Min(0)
  private Long observedGeneration;

  @JsonPropertyDescription("The cost center in force: spec.costCenter, else metadata.name.")
  private String costCenter;

  @JsonPropertyDescription(
      "Conditions: Ready, ProfilesReady, BudgetExceeded, Degraded, BillingDrift.")
  private List<Condition> conditions;

  @JsonPropertyDescription("The current window of each limit.")
  private List<LimitStatus> limits;

  @JsonPropertyDescription("Name of the limit with the highest percent used.")
  private String mostUsedLimit;

  @JsonPropertyDescription("Percent used of mostUsedLimit, rounded down.")
  @Min(0)
  private Integer mostUsedPercent;

  @JsonPropertyDescription("The cost center's application inference profiles, one per alias.")
  private List<InferenceProfileStatus> inferenceProfiles;

  @JsonPropertyDescription("Name of the AWS Budgets budget, when spec.awsBudget is enabled.")
  private String awsBudgetName;

  @JsonPropertyDescription("Month-to-date cost as AWS billed it (Cost Explorer).")
  private BilledCost billedCost;

  @JsonPropertyDescription(
      "Whether costCenter, applicationId and environment are active cost allocation tags in Cost"
          + " Explorer (absent while unknown or when the operator does not check).")
  private Boolean costAllocationTagsActive;

  public Boolean getCostAllocationTagsActive() {
    return costAllocationTagsActive;
  }

  public void setCostAllocationTagsActive(Boolean costAllocationTagsActive) {
    this.costAllocationTagsActive = costAllocationTagsActive;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getCostCenter() {
    return costCenter;
  }

  public void setCostCenter(String costCenter) {
    this.costCenter = costCenter;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<LimitStatus> getLimits() {
    return limits;
  }

  public void setLimits(List<LimitStatus> limits) {
    this.limits = limits;
  }

  public String getMostUsedLimit() {
    return mostUsedLimit;
  }

  public void setMostUsedLimit(String mostUsedLimit) {
    this.mostUsedLimit = mostUsedLimit;
  }

  public Integer getMostUsedPercent() {
    return mostUsedPercent;
  }

  public void setMostUsedPercent(Integer mostUsedPercent) {
    this.mostUsedPercent = mostUsedPercent;
  }

  public List<InferenceProfileStatus> getInferenceProfiles() {
    return inferenceProfiles;
  }

  public void setInferenceProfiles(List<InferenceProfileStatus> inferenceProfiles) {
    this.inferenceProfiles = inferenceProfiles;
  }

  public String getAwsBudgetName() {
    return awsBudgetName;
  }

  public void setAwsBudgetName(String awsBudgetName) {
    this.awsBudgetName = awsBudgetName;
  }

  public BilledCost getBilledCost() {
    return billedCost;
  }

  public void setBilledCost(BilledCost billedCost) {
    this.billedCost = billedCost;
  }
}

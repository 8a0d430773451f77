package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * An AWS Budgets budget mirroring the cost center's monthly spend as AWS bills it (filtered on the
 * costCenter cost allocation tag): the trailing check on CostSentry's real-time ledger.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsBudgetSpec {
  @JsonPropertyDescription("Create and keep the AWS Budgets budget. Default: true.")
  @Default("true")
  private Boolean enabled;

  @JsonProperty("monthlyLimitUSD")
  @JsonPropertyDescription(
      "Monthly amount of the AWS budget in US dollars. Default: the maxCostUSD of the budget's"
          + " unscoped Month limit.")
  @Min(value = 0, inclusive = false)
  @Max(1_000_000_000)
  private BigDecimal monthlyLimitUSD;

  @JsonPropertyDescription(
      "E-mail addresses AWS Budgets notifies at each of the budget's alertThresholds.")
  @Size(max = 10)
  private List<@Pattern(ApiPatterns.EMAIL) @Size(max = 254) String> notificationEmails;

  @JsonPropertyDescription("ARN of an Amazon SNS topic AWS Budgets notifies as well.")
  @Pattern(ApiPatterns.SNS_TOPIC_ARN)
  private String snsTopicArn;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty("monthlyLimitUSD")
  public BigDecimal getMonthlyLimitUSD() {
    return monthlyLimitUSD;
  }

  @JsonProperty("monthlyLimitUSD")
  public void setMonthlyLimitUSD(BigDecimal monthlyLimitUSD) {
    this.monthlyLimitUSD = monthlyLimitUSD;
  }

  public List<String> getNotificationEmails() {
    return notificationEmails;
  }

  public void setNotificationEmails(List<String> notificationEmails) {
    this.notificationEmails = notificationEmails;
  }

  public String getSnsTopicArn() {
    return snsTopicArn;
  }

  public void setSnsTopicArn(String snsTopicArn) {
    this.snsTopicArn = snsTopicArn;
  }
}

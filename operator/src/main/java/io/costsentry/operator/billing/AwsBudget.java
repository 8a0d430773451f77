package io.costsentry.operator.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An AWS Budgets budget as CostSentry manages it: monthly, COST, filtered on the costCenter cost
 * allocation tag, with ACTUAL &gt; threshold% notifications.
 *
 * @param name {@code costsentry-<costCenter>}
 * @param limitUsd the monthly amount
 * @param costCenter the value of the costCenter tag the budget tracks
 * @param notifications one per alert threshold, in threshold order
 */
public record AwsBudget(
    String name, BigDecimal limitUsd, String costCenter, List<Notice> notifications) {
  public static final String NAME_PREFIX = "costsentry-";

  public AwsBudget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(limitUsd, "limitUsd");
    Objects.requireNonNull(costCenter, "costCenter");
    notifications = List.copyOf(notifications);
  }

  public static String nameOf(String costCenter) {
    return NAME_PREFIX + costCenter;
  }

  /** The CostFilters entry: {@code user:costCenter$<value>} (aws-wire.md §7). */
  public String tagKeyValue() {
    return "user:" + CostAllocationTags.COST_CENTER + "$" + costCenter;
  }

  /** Whether limit and filter match, notifications aside. */
  public boolean sameBudget(AwsBudget other) {
    return name.equals(other.name)
        && limitUsd.compareTo(other.limitUsd) == 0
        && costCenter.equals(other.costCenter);
  }

  /**
   * One notification: actual spend above {@code thresholdPercent} of the limit.
   *
   * @param emails e-mail subscribers, sorted
   * @param snsTopicArn the SNS subscriber, or {@code null}
   */
  public record Notice(double thresholdPercent, List<String> emails, String snsTopicArn) {
    public Notice {
      emails = emails == null ? List.of() : emails.stream().sorted().toList();
    }
  }
}

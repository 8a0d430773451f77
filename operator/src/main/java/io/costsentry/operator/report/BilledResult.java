package io.costsentry.operator.report;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What Cost Explorer answered for a period.
 *
 * @param spend billed Bedrock spend by day and cost center
 * @param services the Bedrock services that had spend ("Amazon Bedrock" and Marketplace editions)
 * @param estimatedDays days Cost Explorer still marks as estimated
 */
public record BilledResult(
    List<BilledSpend> spend, SortedSet<String> services, SortedSet<LocalDate> estimatedDays) {
  public static final BilledResult NONE =
      new BilledResult(List.of(), new TreeSet<>(), new TreeSet<>());

  public BilledResult {
    spend = List.copyOf(spend);
    services = new TreeSet<>(services);
    estimatedDays = new TreeSet<>(estimatedDays);
  }
}

package io.costsentry.simulator.costexplorer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One seeded line of the bill: what a service cost on one day, with the resource tags it carried.
 *
 * @param day the usage day (UTC), as Cost Explorer's DAILY granularity reports it
 * @param service the SERVICE dimension value, e.g. {@code "Amazon Bedrock"} or a Marketplace name
 *     such as {@code "Claude 3.5 Haiku (Amazon Bedrock Edition)"}
 * @param cost the unblended cost in USD (every cost metric reports it)
 * @param usageQuantity the {@code UsageQuantity} metric
 * @param tags user-defined resource tags; Cost Explorer shows a tag only while its key is an active
 *     cost allocation tag
 * @param region the REGION dimension
 * @param usageType the USAGE_TYPE dimension
 * @param linkedAccount the LINKED_ACCOUNT dimension
 */
public record BilledLineItem(
    LocalDate day,
    String service,
    BigDecimal cost,
    BigDecimal usageQuantity,
    Map<String, String> tags,
    String region,
    String usageType,
    String linkedAccount) {
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "123456789012";

  public BilledLineItem {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(cost, "cost");
    usageQuantity = usageQuantity == null ? BigDecimal.ZERO : usageQuantity;
    tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
    region = region == null ? DEFAULT_REGION : region;
    usageType = usageType == null ? "USE1-Bedrock-Usage" : usageType;
    linkedAccount = linkedAccount == null ? DEFAULT_ACCOUNT : linkedAccount;
  }

  /**
   * A line in the default region and account, e.g. {@code of(day, "Amazon Bedrock", "1.25",
   * Map.of("costCenter", "support"))}.
   */
  public static BilledLineItem of(
      LocalDate day, String service, String costUsd, Map<String, String> tags) {
    return new BilledLineItem(day, service, new BigDecimal(costUsd), null, tags, null, null, null);
  }
}

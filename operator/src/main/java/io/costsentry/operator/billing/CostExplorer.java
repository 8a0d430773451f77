package io.costsentry.operator.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the operator asks AWS Cost Explorer (aws-wire.md §6). Implementations throw {@code
 * PermanentAwsException} for what retrying cannot fix (access denied) and {@code
 * TransientAwsException} for the rest.
 */
public interface CostExplorer {
  /** The status of each tag key Cost Explorer knows among {@code keys}: true when active. */
  Map<String, Boolean> tagStatus(Collection<String> keys);

  /**
   * Activates {@code keys} (activating an active tag is a no-op).
   *
   * @return keys Cost Explorer refused, each with its reason
   */
  Map<String, String> activate(Collection<String> keys);

  /**
   * Cost of Amazon Bedrock, its Marketplace-billed models included, over {@code [start, end)},
   * grouped by the value of the costCenter tag, in one GetCostAndUsage query (paged).
   *
   * @return by cost center ({@code ""} for untagged spend), the services counted
   */
  BedrockBill bedrockCostByCostCenter(LocalDate start, LocalDate end);

  /**
   * @param byCostCenter USD per costCenter tag value
   * @param services the SERVICE names counted as Bedrock, as they appeared in the bill
   */
  record BedrockBill(Map<String, BigDecimal> byCostCenter, List<String> services) {
    public BedrockBill {
      byCostCenter = Map.copyOf(byCostCenter);
      services = List.copyOf(services);
    }
  }
}

package io.costsentry.operator.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What Cost Explorer billed one cost center on one day for Bedrock, all its services (Amazon
 * Bedrock and the Marketplace "(Amazon Bedrock Edition)" ones) added up.
 *
 * @param costCenter the costCenter tag's value; empty for spend without the tag
 * @param estimated Cost Explorer still calls the day's figures estimated
 */
public record BilledSpend(LocalDate day, String costCenter, BigDecimal costUSD, boolean estimated) {
  public BilledSpend {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(costCenter, "costCenter");
    Objects.requireNonNull(costUSD, "costUSD");
  }
}

package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;

/**
 * What AWS billed the cost center, from Cost Explorer grouped by the costCenter tag: the trailing
 * indicator beside the ledger's real-time figures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BilledCost {
  @JsonProperty("amountUSD")
  @JsonPropertyDescription("Billed cost in US dollars from start to end.")
  private BigDecimal amountUSD;

  @JsonPropertyDescription("First day of the billing period (YYYY-MM-DD), inclusive.")
  private String start;

  @JsonPropertyDescription("Last day of the billing period (YYYY-MM-DD), exclusive.")
  private String end;

  @JsonPropertyDescription("When Cost Explorer was asked (RFC 3339); its data lag up to a day.")
  private String retrievedAt;

  @JsonProperty("ledgerAmountUSD")
  @JsonPropertyDescription(
      "The ledger's spend over the same days, the figure BillingDrift compares with amountUSD"
          + " (absent when the budget has no unscoped UTC Day or Month cost limit).")
  private BigDecimal ledgerAmountUSD;

  @JsonProperty("ledgerAmountUSD")
  public BigDecimal getLedgerAmountUSD() {
    return ledgerAmountUSD;
  }

  @JsonProperty("ledgerAmountUSD")
  public void setLedgerAmountUSD(BigDecimal ledgerAmountUSD) {
    this.ledgerAmountUSD = ledgerAmountUSD;
  }

  @JsonProperty("amountUSD")
  public BigDecimal getAmountUSD() {
    return amountUSD;
  }

  @JsonProperty("amountUSD")
  public void setAmountUSD(BigDecimal amountUSD) {
    this.amountUSD = amountUSD;
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }

  public String getRetrievedAt() {
    return retrievedAt;
  }

  public void setRetrievedAt(String retrievedAt) {
    this.retrievedAt = retrievedAt;
  }
}

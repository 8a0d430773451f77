package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import java.math.BigDecimal;

/** The current window of one limit, as the ledger counted it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LimitStatus {
  @JsonPropertyDescription("Name of the limit in spec.limits.")
  private String name;

  @JsonPropertyDescription("Period of the limit.")
  private Period period;

  @JsonPropertyDescription("Start of the current window (RFC 3339), inclusive.")
  private String windowStart;

  @JsonPropertyDescription("End of the current window (RFC 3339), exclusive: when it resets.")
  private String windowEnd;

  @JsonPropertyDescription("Unit of used and limit: USD or Tokens.")
  private LimitUnit unit;

  @JsonPropertyDescription(
      "Spent in the current window, settled and reserved (requests in flight).")
  @Min(0)
  private BigDecimal used;

  @JsonPropertyDescription("The ceiling of the window.")
  @Min(0)
  private BigDecimal limit;

  @JsonPropertyDescription("used / limit in percent, rounded down.")
  @Min(0)
  private Integer percent;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Period getPeriod() {
    return period;
  }

  public void setPeriod(Period period) {
    this.period = period;
  }

  public String getWindowStart() {
    return windowStart;
  }

  public void setWindowStart(String windowStart) {
    this.windowStart = windowStart;
  }

  public String getWindowEnd() {
    return windowEnd;
  }

  public void setWindowEnd(String windowEnd) {
    this.windowEnd = windowEnd;
  }

  public LimitUnit getUnit() {
    return unit;
  }

  public void setUnit(LimitUnit unit) {
    this.unit = unit;
  }

  public BigDecimal getUsed() {
    return used;
  }

  public void setUsed(BigDecimal used) {
    this.used = used;
  }

  public BigDecimal getLimit() {
    return limit;
  }

  public void setLimit(BigDecimal limit) {
    this.limit = limit;
  }

  public Integer getPercent() {
    return percent;
  }

  public void setPercent(Integer percent) {
    this.percent = percent;
  }
}

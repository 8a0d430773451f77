package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.math.BigDecimal;

/**
 * Prices of a model in US dollars per one million tokens. Prices are JSON numbers (e.g. {@code
 * 0.8}); they are read as exact decimals, never as binary floats, so costs add up to the cent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelPricing {
  @JsonPropertyDescription("USD per 1,000,000 input tokens (not read from or written to a cache).")
  @Required
  @Min(0)
  @Max(1_000_000)
  private BigDecimal inputPerMillion;

  @JsonPropertyDescription("USD per 1,000,000 output tokens.")
  @Required
  @Min(0)
  @Max(1_000_000)
  private BigDecimal outputPerMillion;

  @JsonPropertyDescription(
      "USD per 1,000,000 input tokens read from the prompt cache. Default: inputPerMillion.")
  @Min(0)
  @Max(1_000_000)
  private BigDecimal cacheReadPerMillion;

  @JsonPropertyDescription(
      "USD per 1,000,000 input tokens written to the prompt cache. Default: inputPerMillion.")
  @Min(0)
  @Max(1_000_000)
  private BigDecimal cacheWritePerMillion;

  public BigDecimal getInputPerMillion() {
    return inputPerMillion;
  }

  public void setInputPerMillion(BigDecimal inputPerMillion) {
    this.inputPerMillion = inputPerMillion;
  }

  public BigDecimal getOutputPerMillion() {
    return outputPerMillion;
  }

  public void setOutputPerMillion(BigDecimal outputPerMillion) {
    this.outputPerMillion = outputPerMillion;
  }

  public BigDecimal getCacheReadPerMillion() {
    return cacheReadPerMillion;
  }

  public void setCacheReadPerMillion(BigDecimal cacheReadPerMillion) {
    this.cacheReadPerMillion = cacheReadPerMillion;
  }

  public BigDecimal getCacheWritePerMillion() {
    return cacheWritePerMillion;
  }

  public void setCacheWritePerMillion(BigDecimal cacheWritePerMillion) {
    this.cacheWritePerMillion = cacheWritePerMillion;
  }
}

package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.math.BigDecimal;

/**
 * One limit: a ceiling on cost or tokens per calendar window, of a cost center or (in a ModelAlias)
 * of a model. Used by both kinds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = BudgetLimit.RULE_EXACTLY_ONE_MAXIMUM,
    message = BudgetLimit.RULE_EXACTLY_ONE_MAXIMUM_MESSAGE)
public class BudgetLimit {
  public static final String RULE_EXACTLY_ONE_MAXIMUM =
      "[has(self.maxCostUSD), has(self.maxInputTokens), has(self.maxOutputTokens),"
          + " has(self.maxTotalTokens)].filter(x, x).size() == 1";
  public static final String RULE_EXACTLY_ONE_MAXIMUM_MESSAGE =
      "exactly one of maxCostUSD, maxInputTokens, maxOutputTokens, maxTotalTokens must be set";

  /** Rule on a list of limits: names identify limits in status, metrics and the ledger. */
  public static final String RULE_UNIQUE_NAMES =
      "self.all(l, self.filter(m, m.name == l.name).size() == 1)";

  public static final String RULE_UNIQUE_NAMES_MESSAGE = "limit names must be unique";

  /**
   * Rule on timeZone: a zone of the API server's IANA database. CEL has no membership test, but its
   * timestamp accessors load the zone they are given and fail on an unknown one, which the API
   * server reports as "unknown time zone X evaluating rule: {@value
   * #RULE_KNOWN_TIME_ZONE_MESSAGE}". The year of mid-June 2000 at noon UTC is 2000 in every zone
   * (offsets stay within 14 hours): the comparison is always true, there only to call the accessor.
   * Go accepts {@code Local}, which names no zone here.
   */
  public static final String RULE_KNOWN_TIME_ZONE =
      "self != 'Local' && timestamp('2000-06-15T12:00:00Z').getFullYear(self) == 2000";

  public static final String RULE_KNOWN_TIME_ZONE_MESSAGE =
      "timeZone must be a zone of the IANA time zone database, e.g. Europe/Paris or UTC";

  @JsonPropertyDescription(
      "Name of the limit, unique within its owner (a DNS label): shown in status, metrics and"
          + " denial messages.")
  @Required
  @Pattern(ApiPatterns.DNS_LABEL)
  @Size(min = 1, max = 63)
  private String name;

  @JsonPropertyDescription(
      "Calendar window the limit counts over: Minute, Hour, Day or Month. Windows start on the"
          + " calendar boundary in timeZone.")
  @Required
  private Period period;

  @JsonPropertyDescription(
      "IANA time zone of the window boundaries, e.g. Europe/Paris. Default: UTC.")
  @Pattern(ApiPatterns.IANA_TIME_ZONE)
  @Size(min = 1, max = 64)
  @ValidationRule(value = RULE_KNOWN_TIME_ZONE, message = RULE_KNOWN_TIME_ZONE_MESSAGE)
  private String timeZone;

  // A JSON number read as an exact decimal (BigDecimal), never as a binary float.
  @JsonProperty("maxCostUSD")
  @JsonPropertyDescription(
      "Ceiling on the cost of the window in US dollars (a number such as 25 or 0.5, counted in"
          + " whole micro-dollars).")
  @Min(value = 0, inclusive = false)
  @Max(1_000_000_000)
  private BigDecimal maxCostUSD;

  @JsonPropertyDescription(
      "Ceiling on input tokens (including cache read and cache write tokens) in the window.")
  @Min(1)
  private Long maxInputTokens;

  @JsonPropertyDescription("Ceiling on output tokens in the window.")
  @Min(1)
  private Long maxOutputTokens;

  @JsonPropertyDescription("Ceiling on input plus output tokens in the window.")
  @Min(1)
  private Long maxTotalTokens;

  @JsonPropertyDescription(
      "Narrows the limit to requests of one model alias, application or environment. Default:"
          + " every request.")
  private LimitScope scope;

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

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  @JsonProperty("maxCostUSD")
  public BigDecimal getMaxCostUSD() {
    return maxCostUSD;
  }

  @JsonProperty("maxCostUSD")
  public void setMaxCostUSD(BigDecimal maxCostUSD) {
    this.maxCostUSD = maxCostUSD;
  }

  public Long getMaxInputTokens() {
    return maxInputTokens;
  }

  public void setMaxInputTokens(Long maxInputTokens) {
    this.maxInputTokens = maxInputTokens;
  }

  public Long getMaxOutputTokens() {
    return maxOutputTokens;
  }

  public void setMaxOutputTokens(Long maxOutputTokens) {
    this.maxOutputTokens = maxOutputTokens;
  }

  public Long getMaxTotalTokens() {
    return maxTotalTokens;
  }

  public void setMaxTotalTokens(Long maxTotalTokens) {
    this.maxTotalTokens = maxTotalTokens;
  }

  public LimitScope getScope() {
    return scope;
  }

  public void setScope(LimitScope scope) {
    this.scope = scope;
  }
}

package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The calendar window a limit counts over. */
public enum Period {
  @JsonProperty("Minute")
  MINUTE,
  @JsonProperty("Hour")
  HOUR,
  @JsonProperty("Day")
  DAY,
  @JsonProperty("Month")
  MONTH
}

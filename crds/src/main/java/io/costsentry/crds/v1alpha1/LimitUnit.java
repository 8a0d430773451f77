package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The unit of a limit's figures in status. */
public enum LimitUnit {
  @JsonProperty("USD")
  USD,
  @JsonProperty("Tokens")
  TOKENS
}

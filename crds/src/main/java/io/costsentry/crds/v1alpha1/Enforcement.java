package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a budget denies requests that would cross a limit, or only counts and alerts. */
public enum Enforcement {
  @JsonProperty("Enforce")
  ENFORCE,
  @JsonProperty("Monitor")
  MONITOR
}

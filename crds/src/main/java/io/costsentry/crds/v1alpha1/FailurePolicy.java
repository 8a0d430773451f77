package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a request gets while the ledger cannot be reached. */
public enum FailurePolicy {
  @JsonProperty("FailOpen")
  FAIL_OPEN,
  @JsonProperty("FailClosed")
  FAIL_CLOSED
}

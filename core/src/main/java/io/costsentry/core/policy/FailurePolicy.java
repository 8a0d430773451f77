package io.costsentry.core.policy;

/** What a request gets when the ledger cannot be reached. */
public enum FailurePolicy {
  /** Forward the request; its usage is recorded once the ledger is back. */
  FAIL_OPEN,
  /** Refuse the request with a 503 until the ledger is back. */
  FAIL_CLOSED
}

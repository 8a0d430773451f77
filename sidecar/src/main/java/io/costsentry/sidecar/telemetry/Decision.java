package io.costsentry.sidecar.telemetry;

/** How one request ended, as metrics and audit lines report it. */
public enum Decision {
  /** Within budget and forwarded (it may still have failed upstream). */
  APPROVED,
  /** Refused because a limit would be crossed. */
  DENIED,
  /** Refused because the ledger was unreachable and the budget is FailClosed. */
  LEDGER_UNAVAILABLE,
  /** Refused as bad input or a cost center that may not be charged; never reached the budget. */
  REJECTED
}

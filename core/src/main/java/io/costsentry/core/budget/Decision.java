package io.costsentry.core.budget;

/** The budget engine's answer to a request, before it is forwarded. */
public sealed interface Decision {

  /** Forward the request; settle or release the reservation afterwards. */
  record Approved(Reservation reservation) implements Decision {}

  /** A limit would be crossed; nothing was reserved. */
  record Denied(Denial denial) implements Decision {}

  /** The ledger is unreachable and the budget is FailClosed; nothing was reserved. */
  record LedgerUnavailable(String budgetName, String reason) implements Decision {}
}

package io.costsentry.core.ledger;

/** The ledger contract on the in-memory reference implementation. */
class InMemoryLedgerTest extends LedgerContract {
  private final InMemoryLedger ledger = new InMemoryLedger();

  @Override
  protected Ledger ledger() {
    return ledger;
  }
}

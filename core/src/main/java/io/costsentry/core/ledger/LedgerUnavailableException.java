package io.costsentry.core.ledger;

/** The ledger could not be reached or did not answer; the write may or may not have happened. */
public class LedgerUnavailableException extends RuntimeException {
  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

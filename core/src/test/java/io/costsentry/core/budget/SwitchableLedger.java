package io.costsentry.core.budget;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.CounterState;
import io.costsentry.core.ledger.Hold;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.ledger.LedgerUnavailableException;
import java.time.Instant;

/**
 * A real in-memory ledger behind a switch that makes it unreachable, for the engine's failure
 * policies. (The DynamoDB outage itself is exercised through a TCP gate in the sidecar's ITs.)
 */
final class SwitchableLedger implements Ledger {
  private final Ledger inner;
  private volatile boolean down;

  SwitchableLedger(Ledger inner) {
    this.inner = inner;
  }

  void down(boolean down) {
    this.down = down;
  }

  private void check() {
    if (down) {
      throw new LedgerUnavailableException("ledger switched off", null);
    }
  }

  @Override
  public boolean reserve(CounterKey key, Hold hold, long limit) {
    check();
    return inner.reserve(key, hold, limit);
  }

  @Override
  public void forceReserve(CounterKey key, Hold hold, long limit) {
    check();
    inner.forceReserve(key, hold, limit);
  }

  @Override
  public void settle(CounterKey key, Hold hold, long actual) {
    check();
    inner.settle(key, hold, actual);
  }

  @Override
  public void release(CounterKey key, Hold hold) {
    check();
    inner.release(key, hold);
  }

  @Override
  public CounterState read(CounterKey key) {
    check();
    return inner.read(key);
  }

  @Override
  public int reclaimExpired(CounterKey key, Instant now) {
    check();
    return inner.reclaimExpired(key, now);
  }
}

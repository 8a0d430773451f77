package io.costsentry.core.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ledger in this process's memory: for one sidecar alone, tests and benchmarks. Same semantics as
 * the DynamoDB ledger; counters are lost when the process ends.
 */
public final class InMemoryLedger implements Ledger {
  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

  private static final class Counter {
    long committed;
    long used;
    long requests;
    final Map<String, Hold> holds = new HashMap<>();
  }

  private Counter counter(CounterKey key) {
    return counters.computeIfAbsent(key, k -> new Counter());
  }

  @Override
  public boolean reserve(CounterKey key, Hold hold, long limit) {
    Counter c = counter(key);
    synchronized (c) {
      if (c.holds.containsKey(hold.id())) {
        return true;
      }
      if (c.committed + hold.amount() > limit) {
        return false;
      }
      c.committed += hold.amount();
      c.holds.put(hold.id(), hold);
      return true;
    }
  }

  @Override
  public void forceReserve(CounterKey key, Hold hold, long limit) {
    Counter c = counter(key);
    synchronized (c) {
      if (c.holds.putIfAbsent(hold.id(), hold) == null) {
        c.committed += hold.amount();
      }
    }
  }

  @Override
  public void settle(CounterKey key, Hold hold, long actual) {
    Counter c = counter(key);
    synchronized (c) {
      Hold held = c.holds.remove(hold.id());
      if (held != null) {
        c.committed += actual - held.amount();
        c.used += actual;
        c.requests++;
      }
    }
  }

  @Override
  public void release(CounterKey key, Hold hold) {
    Counter c = counter(key);
    synchronized (c) {
      Hold held = c.holds.remove(hold.id());
      if (held != null) {
        c.committed -= held.amount();
      }
    }
  }

  @Override
  public CounterState read(CounterKey key) {
    Counter c = counters.get(key);
    if (c == null) {
      return CounterState.EMPTY;
    }
    synchronized (c) {
      return new CounterState(c.committed, c.used, c.requests, c.holds);
    }
  }

  @Override
  public int reclaimExpired(CounterKey key, Instant now) {
    Counter c = counters.get(key);
    if (c == null) {
      return 0;
    }
    synchronized (c) {
      int released = 0;
      var it = c.holds.values().iterator();
      while (it.hasNext()) {
        Hold h = it.next();
        if (h.expiresAt().isBefore(now)) {
          c.committed -= h.amount();
          it.remove();
          released++;
        }
      }
      return released;
    }
  }
}

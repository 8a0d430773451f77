package io.costsentry.core.budget;

import io.costsentry.core.ledger.CounterKey;
import io.costsentry.core.ledger.CounterState;
import io.costsentry.core.ledger.Ledger;
import io.costsentry.core.ledger.LedgerUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fires alert thresholds (default 50/80/100 %) once per counter window. Reads the counter at most
 * once per {@code minInterval} per counter, off the request path, so alerts cost no ledger reads on
 * the hot path and few elsewhere.
 */
final class ThresholdTracker {
  private final Ledger ledger;
  private final ThresholdListener listener;
  private final Clock clock;
  private final Duration minInterval;
  private final Map<CounterKey, Tracked> tracked = new ConcurrentHashMap<>();

  private static final class Tracked {
    Instant lastRead = Instant.EPOCH;
    int highestFired;
  }

  ThresholdTracker(Ledger ledger, ThresholdListener listener, Clock clock, Duration minInterval) {
    this.ledger = ledger;
    this.listener = listener;
    this.clock = clock;
    this.minInterval = minInterval;
  }

  void check(ApplicableLimit limit, List<Integer> thresholds) {
    if (thresholds.isEmpty() || limit.policy().amount() == 0) {
      return;
    }
    Instant now = clock.instant();
    Tracked t = tracked.computeIfAbsent(limit.key(), k -> new Tracked());
    synchronized (t) {
      if (now.isBefore(t.lastRead.plus(minInterval))) {
        return;
      }
      t.lastRead = now;
    }
    CounterState state;
    try {
      state = ledger.read(limit.key());
    } catch (LedgerUnavailableException e) {
      return; // alerts are best effort; the next settlement checks again
    }
    long percent = state.committed() * 100 / limit.policy().amount();
    synchronized (t) {
      for (int threshold : thresholds) {
        if (threshold > t.highestFired && percent >= threshold) {
          t.highestFired = threshold;
          listener.thresholdReached(limit, threshold, state);
        }
      }
    }
    tracked.keySet().removeIf(k -> k.window().end().isBefore(now));
  }
}

package io.costsentry.core.budget;

import io.costsentry.core.ledger.CounterState;

/** Told once per window when a limit's usage first reaches one of its budget's alert thresholds. */
@FunctionalInterface
public interface ThresholdListener {
  void thresholdReached(ApplicableLimit limit, int thresholdPercent, CounterState state);

  ThresholdListener NONE = (limit, threshold, state) -> {};
}

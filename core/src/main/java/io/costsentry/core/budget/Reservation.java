package io.costsentry.core.budget;

import io.costsentry.core.pricing.Pricing;
import java.util.List;

/** The holds an approved request carries until it is settled or released. */
public record Reservation(String requestId, Pricing pricing, List<HeldLimit> holds) {
  public Reservation {
    holds = List.copyOf(holds);
  }

  /** True when some hold could not be written because the ledger was down (FailOpen). */
  public boolean unrecorded() {
    return holds.stream().anyMatch(h -> !h.recorded());
  }
}

package io.costsentry.core.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A reservation held on one counter for one request.
 *
 * @param id unique per request and counter; makes every ledger write of the hold idempotent
 * @param amount the reserved upper bound, in the counter's unit
 * @param expiresAt after this instant the hold counts as leaked and may be reclaimed
 */
public record Hold(String id, long amount, Instant expiresAt) {
  public Hold {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (amount < 0) {
      throw new IllegalArgumentException("hold amount must not be negative");
    }
  }
}

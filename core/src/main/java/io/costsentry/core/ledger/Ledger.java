package io.costsentry.core.ledger;

import java.time.Instant;

/**
 * Usage counters with reservations, shared by every sidecar of a cost center.
 *
 * <p>Every write is a single-item conditional update, so the ledger needs no transactions, and
 * every write names a {@link Hold} id, so a write retried after an ambiguous failure is applied at
 * most once. Implementations throw {@link LedgerUnavailableException} when the store cannot be
 * reached.
 */
public interface Ledger extends AutoCloseable {

  /**
   * Adds {@code hold.amount()} to the counter's committed total if the result stays within {@code
   * limit}, and records the hold. Repeating a granted reserve of the same hold id grants again
   * without adding twice.
   *
   * @return {@code true} if granted, {@code false} if the limit would be crossed
   */
  boolean reserve(CounterKey key, Hold hold, long limit);

  /**
   * Records the hold whatever the limit: for Monitor mode and for replaying requests that were let
   * through while the ledger was down. Idempotent per hold id.
   */
  void forceReserve(CounterKey key, Hold hold, long limit);

  /**
   * Replaces the hold with the {@code actual} usage (which may exceed the hold). A no-op when the
   * hold is already settled, released or reclaimed.
   */
  void settle(CounterKey key, Hold hold, long actual);

  /** Removes the hold without usage. A no-op when it is already gone. */
  void release(CounterKey key, Hold hold);

  /**
   * The counter as it is now (strongly consistent); {@link CounterState#EMPTY} if never written.
   */
  CounterState read(CounterKey key);

  /**
   * Releases the holds of this counter that expired before {@code now}: reservations of requests
   * whose sidecar died before settling.
   *
   * @return how many holds were released
   */
  int reclaimExpired(CounterKey key, Instant now);

  @Override
  default void close() {}
}

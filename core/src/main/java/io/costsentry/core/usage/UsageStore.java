package io.costsentry.core.usage;

import io.costsentry.core.ledger.LedgerUnavailableException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The daily usage rollup kept beside the ledger's counters, for reports.
 *
 * <p>Each writer (one sidecar process) owns its own rows and writes their running totals as
 * absolute values with a sequence number that only grows: a write retried after an ambiguous
 * failure, or overtaken by a newer one, changes nothing, so a row is never counted twice (an {@code
 * ADD} retried by the SDK after a lost response would be). Readers add up the writers' rows.
 * Implementations throw {@link LedgerUnavailableException} when the store cannot be reached.
 */
public interface UsageStore {

  /**
   * Sets the writer's totals of {@code usage.day()} and {@code usage.dimensions()} unless a write
   * with the same or a higher {@code sequence} is already stored.
   *
   * @return {@code false} if a newer write was already there (nothing changed)
   */
  boolean write(String writerId, long sequence, DailyUsage usage);

  /** Records that {@code costCenter} has usage rows, so readers can find it. Idempotent. */
  void registerCostCenter(String costCenter);

  /** Every cost center that ever had usage rows. */
  Set<String> costCenters();

  /**
   * The usage of {@code costCenter} from {@code from} to {@code to} (both inclusive), every
   * writer's rows added up: one entry per day and dimensions, ordered by day.
   */
  List<DailyUsage> read(String costCenter, LocalDate from, LocalDate to);
}

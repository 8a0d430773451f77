package io.costsentry.core.usage;

import io.costsentry.core.budget.LedgerWriter;
import io.costsentry.core.pricing.TokenUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sidecar's share of the daily usage rollup: running totals per UTC day and dimensions, each
 * change written to the {@link UsageStore} as absolute values with a growing sequence number,
 * through the {@link LedgerWriter} so that a write is retried until the ledger takes it.
 *
 * <p>Writes of one row may complete out of order; the store keeps the one with the highest
 * sequence, which carries every earlier change. Days older than {@link #KEEP_DAYS} are forgotten (a
 * request settles within minutes of its start), which bounds memory.
 */
public final class DailyUsageRollup implements UsageRecorder {
  static final int KEEP_DAYS = 3;

  private record RowKey(LocalDate day, UsageDimensions dimensions) {}

  private static final class Row {
    long sequence;
    UsageTotals totals = UsageTotals.ZERO;
  }

  private final UsageStore store;
  private final LedgerWriter writer;
  private final String writerId;
  private final Map<RowKey, Row> rows = new HashMap<>();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public DailyUsageRollup(UsageStore store, LedgerWriter writer) {
    this(store, writer, UUID.randomUUID().toString());
  }

  /**
   * @param writerId unique per process: rows of different writers are separate items
   */
  public DailyUsageRollup(UsageStore store, LedgerWriter writer, String writerId) {
    this.store = store;
    this.writer = writer;
    this.writerId = writerId;
  }

  @Override
  public void record(Instant at, UsageDimensions dimensions, TokenUsage usage, long costMicros) {
    if (registered.add(dimensions.costCenter())) {
      writer.submit(
          "usage index of cost center " + dimensions.costCenter(),
          () -> store.registerCostCenter(dimensions.costCenter()));
    }
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    long sequence;
    UsageTotals totals;
    synchronized (rows) {
      rows.keySet().removeIf(k -> k.day().isBefore(day.minusDays(KEEP_DAYS)));
      Row row = rows.computeIfAbsent(new RowKey(day, dimensions), k -> new Row());
      row.sequence++;
      row.totals = row.totals.plus(UsageTotals.of(usage, costMicros));
      sequence = row.sequence;
      totals = row.totals;
    }
    DailyUsage snapshot = new DailyUsage(day, dimensions, totals);
    writer.submit(
        "usage rollup " + day + " " + dimensions + " #" + sequence,
        () -> store.write(writerId, sequence, snapshot));
  }
}

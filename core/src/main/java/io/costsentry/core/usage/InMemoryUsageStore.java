package io.costsentry.core.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UsageStore} in this process's memory, with the DynamoDB store's semantics. */
public final class InMemoryUsageStore implements UsageStore {
  private record RowKey(String writerId, LocalDate day, UsageDimensions dimensions) {}

  private record Row(long sequence, UsageTotals totals) {}

  private final Map<RowKey, Row> rows = new ConcurrentHashMap<>();
  private final Set<String> costCenters = ConcurrentHashMap.newKeySet();

  @Override
  public boolean write(String writerId, long sequence, DailyUsage usage) {
    RowKey key = new RowKey(writerId, usage.day(), usage.dimensions());
    boolean[] written = {false};
    rows.compute(
        key,
        (k, old) -> {
          if (old != null && old.sequence() >= sequence) {
            return old;
          }
          written[0] = true;
          return new Row(sequence, usage.totals());
        });
    return written[0];
  }

  @Override
  public void registerCostCenter(String costCenter) {
    costCenters.add(costCenter);
  }

  @Override
  public Set<String> costCenters() {
    return new TreeSet<>(costCenters);
  }

  @Override
  public List<DailyUsage> read(String costCenter, LocalDate from, LocalDate to) {
    Map<LocalDate, Map<UsageDimensions, UsageTotals>> sums = new TreeMap<>();
    rows.forEach(
        (key, row) -> {
          if (key.dimensions().costCenter().equals(costCenter)
              && !key.day().isBefore(from)
              && !key.day().isAfter(to)) {
            sums.computeIfAbsent(key.day(), d -> new LinkedHashMap<>())
                .merge(key.dimensions(), row.totals(), UsageTotals::plus);
          }
        });
    List<DailyUsage> result = new ArrayList<>();
    sums.forEach(
        (day, byDimensions) ->
            byDimensions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(DIMENSION_ORDER))
                .forEach(e -> result.add(new DailyUsage(day, e.getKey(), e.getValue()))));
    return result;
  }

  static final Comparator<UsageDimensions> DIMENSION_ORDER =
      Comparator.comparing(UsageDimensions::applicationId)
          .thenComparing(UsageDimensions::environment)
          .thenComparing(UsageDimensions::model);
}

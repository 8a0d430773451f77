package io.costsentry.operator.report;

import io.costsentry.core.usage.DailyUsage;
import io.costsentry.core.usage.UsageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads the ledger's daily usage rollup for a report: one query per cost center. */
public final class LedgerUsage {
  private final UsageStore store;
  private final Progress progress;

  public LedgerUsage(UsageStore store, Progress progress) {
    this.store = store;
    this.progress = progress;
  }

  public List<DailyUsage> read(ReportRequest request) {
    Set<String> centers = new TreeSet<>(store.costCenters());
    if (!request.costCenters().isEmpty()) {
      centers.retainAll(request.costCenters());
    }
    progress.step(
        "reading ledger usage of %d cost center(s), %s", centers.size(), request.period());
    List<DailyUsage> usage = new ArrayList<>();
    int i = 0;
    for (String cc : centers) {
      i++;
      List<DailyUsage> rows = store.read(cc, request.period().from(), request.period().to());
      progress.step("  [%d/%d] %s: %d daily row(s)", i, centers.size(), cc, rows.size());
      usage.addAll(rows);
    }
    return usage;
  }
}

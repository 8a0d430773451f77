package io.costsentry.core.usage;

import java.time.LocalDate;
import java.util.Objects;

/** Usage of one set of dimensions on one UTC day. */
public record DailyUsage(LocalDate day, UsageDimensions dimensions, UsageTotals totals) {
  public DailyUsage {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(dimensions, "dimensions");
    Objects.requireNonNull(totals, "totals");
  }
}

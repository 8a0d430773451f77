package io.costsentry.operator.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The days a bill is read and compared for: complete UTC days that ended at least {@link #LAG} ago,
 * from the first of their month. Cost Explorer data lags up to about 24 hours, so a younger day
 * would compare a partial bill with a complete ledger. On the 1st (and the 2nd until the lag has
 * passed) that leaves no day of the current month: then it is the whole previous month.
 *
 * @param start first day, inclusive
 * @param end first day not included: the day of {@code now - LAG}
 */
public record BillingPeriod(LocalDate start, LocalDate end) {
  public static final Duration LAG = Duration.ofHours(24);

  public static BillingPeriod at(Instant now) {
    LocalDate end = now.minus(LAG).atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate start = end.withDayOfMonth(1);
    if (!start.isBefore(end)) {
      start = start.minusMonths(1);
    }
    return new BillingPeriod(start, end);
  }

  /** Whether the period is a whole calendar month. */
  public boolean wholeMonth() {
    return start.getDayOfMonth() == 1 && end.equals(start.plusMonths(1));
  }
}

package io.costsentry.operator.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The days a report covers, both ends included, in UTC (as the ledger's rollup and Cost Explorer
 * count days).
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
  public ReportPeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
  }

  /** Month to date: the first of this UTC month through today. */
  public static ReportPeriod monthToDate(Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return new ReportPeriod(today.withDayOfMonth(1), today);
  }

  /**
   * The period the options ask for: a missing {@code --from} is the first of {@code --to}'s month
   * (of this month without {@code --to}), a missing {@code --to} is today.
   */
  public static ReportPeriod of(LocalDate from, LocalDate to, Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate end = to != null ? to : today;
    LocalDate start = from != null ? from : end.withDayOfMonth(1);
    return new ReportPeriod(start, end);
  }

  public List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  public long length() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The day after {@link #to()}: Cost Explorer's exclusive end. */
  public LocalDate endExclusive() {
    return to.plusDays(1);
  }

  @Override
  public String toString() {
    return from + " to " + to;
  }
}

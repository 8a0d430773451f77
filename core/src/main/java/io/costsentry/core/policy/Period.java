package io.costsentry.core.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** A calendar window length. Windows start on the calendar boundary in the limit's time zone. */
public enum Period {
  MINUTE,
  HOUR,
  DAY,
  MONTH;

  /** The window of this period that contains {@code at}, on calendar boundaries of {@code zone}. */
  public Window windowAt(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime start =
        switch (this) {
          case MINUTE -> local.truncatedTo(ChronoUnit.MINUTES);
          case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
          case DAY -> local.truncatedTo(ChronoUnit.DAYS);
          case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    ZonedDateTime end =
        switch (this) {
          case MINUTE -> start.plusMinutes(1);
          case HOUR -> start.plusHours(1);
          case DAY -> start.plusDays(1);
          case MONTH -> start.plusMonths(1);
        };
    return new Window(start.toInstant(), end.toInstant());
  }

  /** Short windows are rate limits (clients should retry later); long ones are quotas. */
  public boolean isRateLimit() {
    return this == MINUTE || this == HOUR;
  }

  /** The name as written in manifests: {@code Minute}, {@code Hour}, {@code Day}, {@code Month}. */
  public String manifestName() {
    return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}

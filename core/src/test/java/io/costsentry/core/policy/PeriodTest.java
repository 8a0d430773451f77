package io.costsentry.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeriodTest {
  private static final Instant AT = Instant.parse("2026-11-26T23:22:48.123Z");

  @Test
  void minuteAndHourWindowsStartOnTheBoundary() {
    assertThat(Period.MINUTE.windowAt(AT, ZoneOffset.UTC))
        .isEqualTo(
            new Window(
                Instant.parse("2026-11-26T23:22:00Z"), Instant.parse("2026-11-26T23:23:00Z")));
    assertThat(Period.HOUR.windowAt(AT, ZoneOffset.UTC))
        .isEqualTo(
            new Window(
                Instant.parse("2026-11-26T23:00:00Z"), Instant.parse("2026-11-27T00:00:00Z")));
  }

  @Test
  void dayWindowFollowsTheLimitsTimeZone() {
    Window utc = Period.DAY.windowAt(AT, ZoneOffset.UTC);
    Window tokyo = Period.DAY.windowAt(AT, ZoneId.of("Asia/Tokyo"));
    assertThat(utc.start()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    // 23:22 UTC is already 08:22 on the 27th in Tokyo.
    assertThat(tokyo.start()).isEqualTo(Instant.parse("2026-11-26T15:00:00Z"));
    assertThat(tokyo.end()).isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));
  }

  @Test
  void monthWindowSpansTheCalendarMonth() {
    Window november = Period.MONTH.windowAt(AT, ZoneOffset.UTC);
    assertThat(november.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(november.end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    Window february = Period.MONTH.windowAt(Instant.parse("2028-02-29T12:00:00Z"), ZoneOffset.UTC);
    assertThat(february.end()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
  }

  @Test
  void dayAcrossDaylightSavingChangeIsTwentyFiveHoursLong() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Window day = Period.DAY.windowAt(Instant.parse("2026-10-25T12:00:00Z"), berlin);
    assertThat(java.time.Duration.between(day.start(), day.end())).hasHours(25);
  }

  @Test
  void windowContainsItsStartButNotItsEnd() {
    Window w = Period.MINUTE.windowAt(AT, ZoneOffset.UTC);
    assertThat(w.contains(w.start())).isTrue();
    assertThat(w.contains(w.end())).isFalse();
    assertThat(w.remainingAt(w.end().plusSeconds(5))).isZero();
  }

  @Test
  void onlyMinuteAndHourAreRateLimits() {
    assertThat(Period.MINUTE.isRateLimit()).isTrue();
    assertThat(Period.HOUR.isRateLimit()).isTrue();
    assertThat(Period.DAY.isRateLimit()).isFalse();
    assertThat(Period.MONTH.isRateLimit()).isFalse();
  }
}

package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeFormatTest {

  // the patterns TimeFormat wrote with before it wrote by hand: the layouts users already see
  private static final DateTimeFormatter WITH_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ENGLISH);

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/St_Johns"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("Pacific/Chatham"),
          ZoneId.of("Pacific/Kiritimati"),
          ZoneId.of("Europe/Amsterdam"),
          ZoneOffset.ofHoursMinutesSeconds(-3, -25, -52),
          ZoneOffset.ofTotalSeconds(-30),
          ZoneOffset.ofTotalSeconds(59));

  @Test
  void writesTheLayoutsThePatternsWroteForAnyTimeAndZone() {
    SplittableRandom random = new SplittableRandom(1205);
    // years before the common era and beyond 9999 too: the layouts are the patterns' there as well
    long first = Instant.parse("-2000-01-01T00:00:00Z").toEpochMilli();
    long last = Instant.parse("+12000-12-31T23:59:59.999Z").toEpochMilli();
    for (int i = 0; i < 20_000; i++) {
      long millis = i < 50 ? first + i * 3_600_000L * 24 * 365 : random.nextLong(first, last);
      for (ZoneId zone : ZONES) {
        ZonedDateTime time = Instant.ofEpochMilli(millis).atZone(zone);
        String named = zone instanceof ZoneOffset ? "" : " (" + zone.getId() + ")";
        assertEquals(WITH_OFFSET.format(time) + named, TimeFormat.full(millis, zone));
        assertEquals(LOCAL.format(time), TimeFormat.local(millis, zone));
        assertEquals(RFC_5322.format(time), TimeFormat.rfc5322(time));
      }
    }
  }

  @Test
  void writesTheDateHeaderOfRfc5322() {
    ZonedDateTime time = ZonedDateTime.parse("2026-11-22T14:03:07.123+01:00[Europe/Berlin]");

    assertEquals("Sun, 22 Nov 2026 14:03:07 +0100", TimeFormat.rfc5322(time));
    assertEquals(
        "2026-11-22 14:03:07.123 +01:00 (Europe/Berlin)",
        TimeFormat.full(time.toInstant().toEpochMilli(), time.getZone()));
    assertEquals(
        "1969-12-31 20:29:59.999", TimeFormat.local(-1, ZoneOffset.ofHoursMinutes(-3, -30)));
  }
}

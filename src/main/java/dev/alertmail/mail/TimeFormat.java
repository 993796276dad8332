package dev.alertmail.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats times for the mail: one style for the bodies, shared by text and HTML, and RFC 5322. */
final class TimeFormat {

  private static final DateTimeFormatter WITH_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
  // RFC 5322 3.3; numeric zone rather than "GMT", which is obsolete syntax there
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ENGLISH);

  private TimeFormat() {}

  /** E.g. {@code 2026-11-22 14:03:07.123 +01:00 (Europe/Berlin)}; no name for a bare offset. */
  static String full(long epochMillis, ZoneId zone) {
    ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(zone);
    String text = WITH_OFFSET.format(time);
    // a region name tells the reader about daylight saving time; a bare offset would repeat itself
    return zone instanceof ZoneOffset ? text : text + " (" + zone.getId() + ")";
  }

  /** E.g. {@code 2026-11-22 14:03:07.123}: for context events, whose zone the trigger shows. */
  static String local(long epochMillis, ZoneId zone) {
    return LOCAL.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
  }

  /** E.g. {@code Sun, 22 Nov 2026 14:03:07 +0100}, for the Date header. */
  static String rfc5322(ZonedDateTime time) {
    return RFC_5322.format(time);
  }
}

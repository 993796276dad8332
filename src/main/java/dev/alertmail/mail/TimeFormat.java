package dev.alertmail.mail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Formats times for the mail: one style for the bodies, shared by text and HTML, and RFC 5322.
 *
 * <p>Written out by hand rather than with {@code DateTimeFormatter}: a pattern formatter pulls in
 * the locale provider machinery, about 150 classes and 15 ms of the command line's start for three
 * fixed, locale-free layouts.
 */
final class TimeFormat {

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private TimeFormat() {}

  /** E.g. {@code 2026-11-22 14:03:07.123 +01:00 (Europe/Berlin)}; no name for a bare offset. */
  static String full(long epochMillis, ZoneId zone) {
    ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(zone);
    StringBuilder out = new StringBuilder(48);
    dateTime(out, time.toLocalDateTime()).append(' ');
    offset(out, time.getOffset(), true);
    // a region name tells the reader about daylight saving time; a bare offset would repeat itself
    if (!(zone instanceof ZoneOffset)) {
      out.append(" (").append(zone.getId()).append(')');
    }
    return out.toString();
  }

  /** E.g. {@code 2026-11-22 14:03:07.123}: for context events, whose zone the trigger shows. */
  static String local(long epochMillis, ZoneId zone) {
    LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    return dateTime(new StringBuilder(23), time).toString();
  }

  /**
   * E.g. {@code Sun, 22 Nov 2026 14:03:07 +0100}, for the Date header: RFC 5322 3.3, with a numeric
   * zone rather than "GMT", which is obsolete syntax there.
   */
  static String rfc5322(ZonedDateTime time) {
    StringBuilder out = new StringBuilder(31);
    out.append(DAYS[time.getDayOfWeek().ordinal()]).append(", ").append(time.getDayOfMonth());
    out.append(' ').append(MONTHS[time.getMonthValue() - 1]).append(' ');
    year(out, time.getYear()).append(' ');
    time(out, time.toLocalDateTime()).append(' ');
    return offset(out, time.getOffset(), false).toString();
  }

  private static StringBuilder dateTime(StringBuilder out, LocalDateTime time) {
    year(out, time.getYear()).append('-');
    pad(out, time.getMonthValue(), 2).append('-');
    pad(out, time.getDayOfMonth(), 2).append(' ');
    time(out, time).append('.');
    return pad(out, time.getNano() / 1_000_000, 3);
  }

  private static StringBuilder time(StringBuilder out, LocalDateTime time) {
    pad(out, time.getHour(), 2).append(':');
    pad(out, time.getMinute(), 2).append(':');
    return pad(out, time.getSecond(), 2);
  }

  /**
   * {@code +01:00} or {@code +0100}. Seconds of an offset are left out, as the patterns did, and an
   * offset that is zero without them is {@code +}: RFC 5322 reads {@code -0000} as "zone unknown".
   */
  private static StringBuilder offset(StringBuilder out, ZoneOffset offset, boolean colon) {
    int seconds = offset.getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    out.append(seconds < 0 && minutes > 0 ? '-' : '+');
    pad(out, minutes / 60, 2);
    if (colon) {
      out.append(':');
    }
    return pad(out, minutes % 60, 2);
  }

  /** The year of the era, as the patterns' {@code yyyy}: a sign beyond four digits, none before. */
  private static StringBuilder year(StringBuilder out, int year) {
    int ofEra = year > 0 ? year : 1 - year;
    return pad(ofEra > 9999 ? out.append('+') : out, ofEra, 4);
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }
}

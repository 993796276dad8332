package dev.alertmail.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in either framework: Logback's {@code 10 seconds}, {@code 500
 * milliseconds}, {@code 1 hour} (a bare number is milliseconds, as in Logback), and ISO-8601's
 * {@code PT10S}.
 */
public final class SettingDuration {

  private static final Pattern WORDS =
      Pattern.compile(
          "([0-9]+(?:\\.[0-9]+)?)\\s*(|ms|millis|milliseconds?|s|seconds?|m|min|minutes?|h|hours?|d|days?)",
          Pattern.CASE_INSENSITIVE);

  private SettingDuration() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException when the text is neither form
   */
  public static Duration parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.regionMatches(true, 0, "P", 0, 1)) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a duration: " + value, e);
      }
    }
    Matcher matcher = WORDS.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
    double amount = Double.parseDouble(matcher.group(1));
    String unit = matcher.group(2).toLowerCase(Locale.ROOT);
    double factor;
    if (unit.isEmpty() || unit.equals("ms") || unit.startsWith("milli")) {
      factor = 1;
    } else if (unit.equals("s") || unit.startsWith("sec")) {
      factor = 1_000;
    } else if (unit.equals("m") || unit.startsWith("min")) {
      factor = 60_000;
    } else if (unit.equals("h") || unit.startsWith("hour")) {
      factor = 3_600_000;
    } else {
      factor = 86_400_000;
    }
    double millis = amount * factor;
    return Duration.ofMillis(Math.round(millis));
  }
}

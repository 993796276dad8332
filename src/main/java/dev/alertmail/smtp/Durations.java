package dev.alertmail.smtp;

import java.time.Duration;

/** Durations in the words a user writes them in settings ({@code 10 seconds}), not ISO-8601. */
public final class Durations {

  private Durations() {}

  /** {@return e.g. "500 milliseconds", "1 second", "10 seconds", "2 minutes", "1 hour"} */
  public static String words(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0 && millis > 0) {
      return unit(millis / 86_400_000, "day");
    }
    if (millis % 3_600_000 == 0 && millis > 0) {
      return unit(millis / 3_600_000, "hour");
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return unit(millis / 60_000, "minute");
    }
    if (millis % 1_000 == 0) {
      return unit(millis / 1_000, "second");
    }
    return unit(millis, "millisecond");
  }

  private static String unit(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}

package dev.alertmail.delivery;

import java.util.function.LongSupplier;

/**
 * Lets a few failure reports through per window and counts the rest, so that a dead server does not
 * flood Logback's status manager (after logback-core's {@code SimpleTimeBasedGuard}).
 */
final class ReportThrottle {

  private final int allowedPerWindow;
  private final long windowMillis;
  private final LongSupplier clockMillis;
  private long windowStart;
  private int reportsInWindow;
  private long suppressed;

  ReportThrottle(int allowedPerWindow, long windowMillis, LongSupplier clockMillis) {
    this.allowedPerWindow = allowedPerWindow;
    this.windowMillis = windowMillis;
    this.clockMillis = clockMillis;
    this.windowStart = clockMillis.getAsLong();
  }

  /**
   * Returns -1 when the report must be suppressed, otherwise the number of reports suppressed since
   * the last one that went through (for the report to mention).
   */
  synchronized long admit() {
    long now = clockMillis.getAsLong();
    if (now - windowStart >= windowMillis) {
      windowStart = now;
      reportsInWindow = 0;
    }
    if (reportsInWindow >= allowedPerWindow) {
      suppressed++;
      return -1;
    }
    reportsInWindow++;
    long skipped = suppressed;
    suppressed = 0;
    return skipped;
  }
}

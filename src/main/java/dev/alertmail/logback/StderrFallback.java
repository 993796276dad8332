package dev.alertmail.logback;

import dev.alertmail.text.UntrustedText;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Delivery failures reach Logback's status manager, which nobody reads unless a status listener is
 * configured. So that a lost alert is never silent by default, the appender also prints its
 * failures to stderr when no listener is registered: at most {@link #LINES} lines per {@link
 * #PERIOD_MINUTES} minutes (a failure, and the alert it cost), then a count of what was not
 * printed.
 */
final class StderrFallback {

  static final long PERIOD_MINUTES = 10;
  static final int LINES = 2;
  static final String HINT =
      " (every report: add <statusListener"
          + " class=\"ch.qos.logback.core.status.OnConsoleStatusListener\"/> to logback.xml)";

  private final LongSupplier nanoClock;
  private final PrintStream out;
  private long periodStart;
  private int printed;
  private long skipped;

  StderrFallback() {
    this(System::nanoTime, null);
  }

  StderrFallback(LongSupplier nanoClock, PrintStream out) {
    this.nanoClock = nanoClock;
    this.out = out;
  }

  /** Prints the line unless one was printed within the period; never throws. */
  synchronized void print(String line) {
    long now = nanoClock.getAsLong();
    if (printed == 0 || now - periodStart >= TimeUnit.MINUTES.toNanos(PERIOD_MINUTES)) {
      periodStart = now;
      printed = 0;
    }
    if (printed >= LINES) {
      skipped++;
      return;
    }
    String more = skipped == 0 ? "" : " [" + skipped + " reports not printed before this one]";
    (out != null ? out : System.err)
        .println(UntrustedText.visible(line.replace('\n', ' ')) + more + HINT);
    printed++;
    skipped = 0;
  }
}

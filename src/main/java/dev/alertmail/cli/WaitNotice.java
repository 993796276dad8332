package dev.alertmail.cli;

import dev.alertmail.smtp.Durations;
import dev.alertmail.smtp.Transcript;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Says on stderr what the command is waiting for when a step takes longer than a few seconds, so a
 * person (or a monitoring system's log) sees a slow relay instead of a hang. It follows the
 * dialogue through the transcript; before the first line the command is resolving and connecting.
 */
final class WaitNotice implements Transcript, AutoCloseable {

  static final long QUIET_SECONDS = 3;

  private final long quietNanos;
  private final Transcript inner;
  private final PrintStream err;
  private final String bounds;
  private final Thread watcher;
  private volatile String waitingFor;
  private volatile long since = System.nanoTime();
  private volatile boolean told;
  private volatile boolean closed;

  /**
   * @param firstWait what the command waits for before the server says anything
   * @param bounds the timeouts that bound the wait, in words
   */
  WaitNotice(Transcript inner, PrintStream err, String firstWait, String bounds) {
    this(inner, err, firstWait, bounds, TimeUnit.SECONDS.toNanos(QUIET_SECONDS));
  }

  WaitNotice(Transcript inner, PrintStream err, String firstWait, String bounds, long quietNanos) {
    this.quietNanos = quietNanos;
    this.inner = inner;
    this.err = err;
    this.bounds = bounds;
    this.waitingFor = firstWait;
    this.watcher = new Thread(this::watch, "alertmail-wait-notice");
    watcher.setDaemon(true);
    watcher.start();
  }

  @Override
  public void record(String line) {
    inner.record(line);
    waitingFor =
        line.startsWith("C: ")
            ? "the server's reply to " + line.substring(3)
            : "the rest of the server's reply";
    since = System.nanoTime();
    told = false;
  }

  private void watch() {
    while (!closed) {
      LockSupport.parkNanos(Math.min(quietNanos / 4 + 1, TimeUnit.MILLISECONDS.toNanos(200)));
      long quiet = System.nanoTime() - since;
      if (!closed && !told && quiet >= quietNanos) {
        told = true;
        err.println(
            "alertmail: waiting "
                + Durations.words(Duration.ofSeconds(TimeUnit.NANOSECONDS.toSeconds(quiet)))
                + " for "
                + waitingFor
                + " ("
                + bounds
                + ")");
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(watcher);
  }
}

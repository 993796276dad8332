package dev.alertmail.delivery;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import java.time.Instant;
import java.util.Map;

/**
 * Where the sender thread's alerts go: mail through flood control ({@link MailRoute}), or a fleet's
 * Alertmanager with mail as the fallback ({@link AlertmanagerRoute}). The sender thread owns it;
 * time is passed in.
 */
interface Route {

  /** A triggering event arrived; building the alert may throw, which the caller handles. */
  void accept(AlertSource source, Instant now);

  /** A triggering event arrived, as an alert made already (one that could not be read). */
  void accept(Alert alert, Instant now);

  /**
   * Triggering events of a known problem, counted on the logging threads; {@code at} is when the
   * last of them was logged.
   */
  void counted(String fingerprint, long count, Instant at, Instant now);

  /** Triggering events lost before reaching here (the hand-off was full), by kind where known. */
  void dropped(long count, Map<String, Long> byKind, Instant now);

  /** {@return when {@link #work} has something to do next, or null for nothing scheduled} */
  Instant nextWakeup(Instant now);

  /** Sends what is due. */
  void work(Instant now);

  /**
   * The JVM is exiting: sends everything pending at once, whatever grouping and rate limits say.
   * {@return whether anything was sent}; false means nothing is pending
   */
  boolean flush(Instant now);

  /**
   * The appender stops: sends what is pending as the last word, even past rate limits, and gives up
   * what cannot be sent once {@code abandoned} says so.
   */
  void finish(Instant now, java.util.function.BooleanSupplier abandoned);

  /** {@return the triggering events this route holds, not delivered yet; sender thread only} */
  long pending();
}

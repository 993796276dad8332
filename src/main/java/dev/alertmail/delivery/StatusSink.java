package dev.alertmail.delivery;

/**
 * Where the sender reports what it did and what went wrong.
 *
 * <p>The appender implements it with Logback's status manager, so nothing the sender reports ever
 * goes through the logger tree the appender is attached to.
 */
public interface StatusSink {

  /** Something worth knowing that needs no action. */
  void info(String message);

  /** Something the user may want to act on; nothing was lost. */
  void warn(String message);

  /** A failure; the message says what was lost and what to do. */
  void error(String message, Throwable cause);
}

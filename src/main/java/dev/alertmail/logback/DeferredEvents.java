package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.alertmail.alert.StableArguments;

/**
 * Prepares a context event for reading on another thread at the least cost on the quiet path: what
 * depends on the logging thread and a mail shows is captured now (the thread's name, which Logback
 * reads lazily from the current thread); the message is formatted now only when an argument could
 * change before an alert needs it (see {@link StableArguments}). A mail shows a context event's
 * time, level, thread, logger, message and exception, never its MDC, so the MDC is not read: two
 * thread-local lookups per event saved.
 */
final class DeferredEvents {

  private DeferredEvents() {}

  static void prepareContextEvent(ILoggingEvent event) {
    event.getThreadName();
    if (!StableArguments.allImmutable(event.getArgumentArray())) {
      event.getFormattedMessage();
    }
  }
}

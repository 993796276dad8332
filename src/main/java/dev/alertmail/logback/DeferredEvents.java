package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.alertmail.alert.StableArguments;

/**
 * Prepares a context event for reading on another thread at the least cost on the quiet path: what
 * depends on the logging thread is captured now (its name and its MDC, which Logback reads lazily
 * from the current thread); the message is formatted now only when an argument could change before
 * an alert needs it (see {@link StableArguments}).
 */
final class DeferredEvents {

  private DeferredEvents() {}

  static void prepareContextEvent(ILoggingEvent event) {
    event.getThreadName();
    event.getMDCPropertyMap();
    if (!StableArguments.allImmutable(event.getArgumentArray())) {
      event.getFormattedMessage();
    }
  }
}

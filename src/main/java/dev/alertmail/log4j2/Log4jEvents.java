package dev.alertmail.log4j2;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Fingerprint;
import dev.alertmail.alert.StableArguments;
import dev.alertmail.alert.Throwables;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.Message;

/** Adapts Log4j's events to the framework-free snapshots of the {@code alert} package. */
final class Log4jEvents {

  private Log4jEvents() {}

  /**
   * An immutable copy of the event, made on the logging thread: async loggers and garbage-free mode
   * reuse events and messages, so a reference kept for later would show a later event. The thread
   * name is read now (Log4j reads it lazily from the current thread), and the message is formatted
   * now unless every argument is a value that cannot change.
   */
  static LogEvent copy(LogEvent event) {
    LogEvent copy = event.toImmutable();
    copy.getThreadName();
    Message message = copy.getMessage();
    if (message != null && !StableArguments.allImmutable(message.getParameters())) {
      message.getFormattedMessage();
    }
    return copy;
  }

  /** The event's fingerprint without converting its stack trace or context. */
  static String fingerprint(LogEvent event) {
    Message message = event.getMessage();
    String formatted = message == null ? "" : message.getFormattedMessage();
    String template =
        message == null || message.getFormat() == null ? formatted : message.getFormat();
    Fingerprint.Builder fingerprint =
        Fingerprint.builder(event.getLoggerName() == null ? "" : event.getLoggerName(), template);
    return Throwables.fingerprint(fingerprint, event.getThrown()).build();
  }

  static AlertEvent toAlertEvent(LogEvent event) {
    Message message = event.getMessage();
    String formatted = message == null ? "" : message.getFormattedMessage();
    String template =
        message == null || message.getFormat() == null ? formatted : message.getFormat();
    return new AlertEvent(
        event.getTimeMillis(),
        event.getLevel().name(),
        event.getLoggerName() == null ? "" : event.getLoggerName(),
        template,
        formatted,
        event.getThreadName(),
        event.getContextData().toMap(),
        Throwables.describe(event.getThrown()));
  }

  static List<AlertEvent> toAlertEvents(List<LogEvent> events) {
    List<AlertEvent> result = new ArrayList<>(events.size());
    for (LogEvent event : events) {
      result.add(toAlertEvent(event));
    }
    return result;
  }
}

package dev.alertmail.log4j2;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Fingerprint;
import dev.alertmail.alert.StableArguments;
import dev.alertmail.alert.Throwables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;

/** Adapts Log4j's events to the framework-free snapshots of the {@code alert} package. */
final class Log4jEvents {

  private Log4jEvents() {}

  /**
   * An immutable copy of the event, made on the logging thread: async loggers and garbage-free mode
   * reuse events and messages, so a reference kept for later would show a later event. The thread
   * name is read now (Log4j reads it lazily from the current thread), and the message is formatted
   * now unless every argument is a value that cannot change. Unlike {@code toImmutable()}, this
   * never computes the caller's location, a stack walk that costs microseconds per event.
   */
  static LogEvent copy(LogEvent event) {
    Message message = event.getMessage();
    if (event instanceof Log4jLogEvent) {
      // already a value of its own (not reused): keep it, with what it reads lazily read now
      event.getThreadName();
      formatIfUnstable(message);
      return event;
    }
    // a reused event (a ring buffer's, or garbage-free): copy what a mail shows, and nothing that
    // costs more, such as the caller's location, which toImmutable() would compute
    if (message instanceof ReusableMessage reusable) {
      message = reusable.memento();
    }
    formatIfUnstable(message);
    var copy =
        Log4jLogEvent.newBuilder()
            .setLoggerName(event.getLoggerName())
            .setLoggerFqcn(event.getLoggerFqcn())
            .setLevel(event.getLevel())
            .setMarker(event.getMarker())
            .setMessage(message)
            .setThrown(event.getThrown())
            .setTimeMillis(event.getTimeMillis())
            .setThreadName(event.getThreadName())
            .setThreadId(event.getThreadId())
            .setThreadPriority(event.getThreadPriority())
            .setIncludeLocation(false);
    if (!event.getContextData().isEmpty()) {
      copy.setContextData(new SortedArrayStringMap(event.getContextData()));
    }
    return copy.build();
  }

  private static void formatIfUnstable(Message message) {
    if (message != null && !StableArguments.allImmutable(message.getParameters())) {
      message.getFormattedMessage();
    }
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

  static AlertEvent toAlertEvent(Log4jContextEvent event) {
    return new AlertEvent(
        event.timeMillis(),
        event.level().name(),
        event.loggerName() == null ? "" : event.loggerName(),
        event.template(),
        event.formattedMessage(),
        event.threadName(),
        Map.of(),
        Throwables.describe(event.thrown()));
  }

  static List<AlertEvent> toAlertEvents(List<Log4jContextEvent> events) {
    List<AlertEvent> result = new ArrayList<>(events.size());
    for (Log4jContextEvent event : events) {
      result.add(toAlertEvent(event));
    }
    return result;
  }
}

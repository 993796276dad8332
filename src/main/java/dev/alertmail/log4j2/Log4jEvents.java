package dev.alertmail.log4j2;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Fingerprint;
import dev.alertmail.alert.StableArguments;
import dev.alertmail.alert.Throwables;
import dev.alertmail.alert.Unreadable;
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
    try {
      if (message != null && !StableArguments.allImmutable(message.getParameters())) {
        message.getFormattedMessage();
      }
    } catch (RuntimeException | LinkageError e) {
      // the application's message cannot format itself: the sender notes that in the mail, and
      // the logging thread must not see it
    }
  }

  /** The event's fingerprint without converting its stack trace or context. */
  static String fingerprint(LogEvent event) {
    Message message = event.getMessage();
    String formatted = formatted(message);
    Fingerprint.Builder fingerprint =
        Fingerprint.builder(
            event.getLoggerName() == null ? "" : event.getLoggerName(),
            template(message, formatted),
            event.getThrown() != null);
    return Throwables.fingerprint(fingerprint, event.getThrown()).build();
  }

  /**
   * The trigger as a snapshot; a part the application's objects cannot give (a message that fails
   * to format) is noted in its place, and the rest still arrives.
   */
  static AlertEvent toAlertEvent(LogEvent event) {
    try {
      Message message = event.getMessage();
      String formatted = formatted(message);
      return new AlertEvent(
          event.getTimeMillis(),
          event.getLevel().name(),
          event.getLoggerName() == null ? "" : event.getLoggerName(),
          template(message, formatted),
          formatted,
          event.getThreadName(),
          event.getContextData().toMap(),
          Throwables.describe(event.getThrown()));
    } catch (RuntimeException | LinkageError e) {
      return Unreadable.event(
          event.getTimeMillis(), String.valueOf(event.getLevel()), event.getLoggerName(), e);
    }
  }

  static AlertEvent toAlertEvent(Log4jContextEvent event) {
    try {
      return new AlertEvent(
          event.timeMillis(),
          event.level().name(),
          event.loggerName() == null ? "" : event.loggerName(),
          Unreadable.text(event::template, "getFormat()"),
          Unreadable.text(event::formattedMessage, "getFormattedMessage()"),
          event.threadName(),
          Map.of(),
          Throwables.describe(event.thrown()));
    } catch (RuntimeException | LinkageError e) {
      return Unreadable.event(
          event.timeMillis(), String.valueOf(event.level()), event.loggerName(), e);
    }
  }

  static List<AlertEvent> toAlertEvents(List<Log4jContextEvent> events) {
    List<AlertEvent> result = new ArrayList<>(events.size());
    for (Log4jContextEvent event : events) {
      result.add(toAlertEvent(event));
    }
    return result;
  }

  private static String formatted(Message message) {
    if (message == null) {
      return "";
    }
    String formatted = Unreadable.text(message::getFormattedMessage, "getFormattedMessage()");
    return formatted == null ? "" : formatted;
  }

  private static String template(Message message, String formatted) {
    String format = message == null ? null : Unreadable.text(message::getFormat, "getFormat()");
    return format == null ? formatted : format;
  }
}

package dev.alertmail.log4j2;

import dev.alertmail.alert.StableArguments;
import dev.alertmail.alert.Unreadable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ReusableMessage;

/**
 * A context event as the logging thread leaves it: only what a mail shows of it, copied before
 * {@code append} returns, since synchronous loggers in garbage-free mode and async loggers reuse
 * their events and messages. It costs a fraction of a full copy of the event (no builder, no copied
 * event of twenty fields): a reused message becomes its memento, which Log4j has formatted already,
 * and any other message is formatted now only when an argument could change before a mail shows it.
 */
record Log4jContextEvent(
    long timeMillis,
    Level level,
    String loggerName,
    Message message,
    String pattern,
    String text,
    String threadName,
    Throwable thrown) {

  static Log4jContextEvent of(LogEvent event) {
    Message message = event.getMessage();
    String pattern = null;
    String text = null;
    if (message instanceof ReusableMessage) {
      try {
        pattern = message.getFormat();
        text = message.getFormattedMessage();
      } catch (RuntimeException | LinkageError e) {
        // a parameter whose toString() fails: the mail notes it, the logging thread never sees it
        text = Unreadable.note("getFormattedMessage()", e);
      }
      message = null;
    } else if (message != null) {
      formatIfUnstable(message);
    }
    // no thread context: a mail shows a context event's time, level, thread, logger, message and
    // exception, never its MDC, and copying it would cost a map per event
    return new Log4jContextEvent(
        event.getTimeMillis(),
        event.getLevel(),
        event.getLoggerName(),
        message,
        pattern,
        text,
        event.getThreadName(),
        event.getThrown());
  }

  private static void formatIfUnstable(Message message) {
    try {
      if (!StableArguments.allImmutable(message.getParameters())) {
        message.getFormattedMessage(); // a message of its own keeps the text it formatted
      }
    } catch (RuntimeException | LinkageError e) {
      // it cannot format itself: the mail says so, and the logging thread never sees it
    }
  }

  /** The message as written in the code. */
  String template() {
    String format = message == null ? pattern : message.getFormat();
    return format == null ? formattedMessage() : format;
  }

  /** The message with its arguments. */
  String formattedMessage() {
    String formatted = message == null ? text : message.getFormattedMessage();
    return formatted == null ? "" : formatted;
  }
}

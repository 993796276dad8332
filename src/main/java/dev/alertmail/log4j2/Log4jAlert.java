package dev.alertmail.log4j2;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A triggering event and its context as immutable copies from the logging thread; the sender thread
 * turns them into an {@link Alert} (stack trace as text, the subject pattern).
 */
final class Log4jAlert implements AlertSource {

  private final LogEvent trigger;
  private final List<Log4jContextEvent> context;
  private final PatternLayout subject;
  private final boolean stableSubject;

  Log4jAlert(
      LogEvent trigger,
      List<Log4jContextEvent> context,
      PatternLayout subject,
      boolean stableSubject) {
    this.trigger = trigger;
    this.context = context;
    this.subject = subject;
    this.stableSubject = stableSubject;
  }

  @Override
  public String fingerprint() {
    return Log4jEvents.fingerprint(trigger);
  }

  @Override
  public long timestampMillis() {
    return trigger.getTimeMillis();
  }

  @Override
  public Alert toAlert() {
    return new Alert(
        Log4jEvents.toAlertEvent(trigger), Log4jEvents.toAlertEvents(context), subject());
  }

  /** The rendered subject; empty, so the mail names level and logger, when it cannot be made. */
  private String subject() {
    try {
      return subject.toSerializable(stableSubject ? template(trigger) : trigger);
    } catch (RuntimeException | LinkageError e) {
      return ""; // a message that cannot format itself: the body says what it could read
    }
  }

  /**
   * The event with its message as written in the code, arguments as "…": with threading on, every
   * mail about one problem gets the same subject, which Gmail needs for one conversation.
   */
  private static LogEvent template(LogEvent event) {
    var message = event.getMessage();
    if (message == null
        || message.getParameters() == null
        || message.getParameters().length == 0
        || message.getFormat() == null) {
      return event;
    }
    return new org.apache.logging.log4j.core.impl.Log4jLogEvent.Builder(event)
        .setMessage(
            new org.apache.logging.log4j.message.SimpleMessage(
                message.getFormat().replace("{}", "\u2026")))
        .build();
  }
}

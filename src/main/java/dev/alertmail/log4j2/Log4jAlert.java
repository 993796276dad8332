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
  private final List<LogEvent> context;
  private final PatternLayout subject;

  Log4jAlert(LogEvent trigger, List<LogEvent> context, PatternLayout subject) {
    this.trigger = trigger;
    this.context = context;
    this.subject = subject;
  }

  @Override
  public Alert toAlert() {
    return new Alert(
        Log4jEvents.toAlertEvent(trigger),
        Log4jEvents.toAlertEvents(context),
        subject.toSerializable(trigger));
  }
}

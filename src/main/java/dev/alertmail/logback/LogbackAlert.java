package dev.alertmail.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import java.util.List;

/**
 * A triggering event and its context as the application thread left them: prepared for deferred
 * processing (message, MDC, thread name and throwable captured), the way Logback's AsyncAppender
 * hands events to its worker. The sender thread turns them into an {@link Alert}: the stack trace
 * as text and the subject pattern are its work, not the logging thread's.
 */
final class LogbackAlert implements AlertSource {

  private final ILoggingEvent trigger;
  private final List<ILoggingEvent> context;
  private final PatternLayout subjectLayout;
  private final boolean stableSubject;

  LogbackAlert(
      ILoggingEvent trigger,
      List<ILoggingEvent> context,
      PatternLayout subjectLayout,
      boolean stableSubject) {
    this.trigger = trigger;
    this.context = context;
    this.subjectLayout = subjectLayout;
    this.stableSubject = stableSubject;
  }

  @Override
  public String fingerprint() {
    return LogbackEvents.fingerprint(trigger);
  }

  @Override
  public long timestampMillis() {
    return trigger.getTimeStamp();
  }

  @Override
  public Alert toAlert() {
    return new Alert(
        LogbackEvents.toAlertEvent(trigger), LogbackEvents.toAlertEvents(context), subject());
  }

  /** The rendered subject; empty, so the mail names level and logger, when it cannot be made. */
  private String subject() {
    try {
      return StableSubject.render(subjectLayout, trigger, stableSubject);
    } catch (RuntimeException | LinkageError e) {
      return ""; // a converter that fails on this event: the body says what could be read
    }
  }
}

package dev.alertmail.logback;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;

/**
 * Renders the subject pattern. With threading on, {@code %message} shows the message as written in
 * the code, its arguments as "…", so every mail about one problem has the same subject, which Gmail
 * needs to keep them in one conversation; the body has the message with its arguments.
 */
final class StableSubject {

  private StableSubject() {}

  static String render(PatternLayout layout, ILoggingEvent event, boolean stable) {
    if (!stable || event.getArgumentArray() == null || event.getArgumentArray().length == 0) {
      return layout.doLayout(event);
    }
    LoggingEvent template = new LoggingEvent();
    template.setLoggerName(event.getLoggerName());
    template.setLoggerContextRemoteView(event.getLoggerContextVO());
    template.setLevel(event.getLevel());
    template.setThreadName(event.getThreadName());
    template.setTimeStamp(event.getTimeStamp());
    template.setMDCPropertyMap(event.getMDCPropertyMap());
    template.setMessage(event.getMessage().replace("{}", "\u2026"));
    return layout.doLayout(template);
  }
}

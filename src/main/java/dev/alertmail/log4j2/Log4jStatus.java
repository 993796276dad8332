package dev.alertmail.log4j2;

import dev.alertmail.delivery.StatusSink;
import dev.alertmail.text.UntrustedText;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The sender's news through Log4j's status logger, never through the logger tree the appender sits
 * in. Errors reach stderr by default: Log4j's status logger prints them unless configured
 * otherwise.
 */
final class Log4jStatus implements StatusSink {

  private static final Logger STATUS = StatusLogger.getLogger();

  private final String appender;

  Log4jStatus(String appender) {
    this.appender = appender;
  }

  @Override
  public void info(String message) {
    STATUS.info("AlertMail [{}]: {}", appender, UntrustedText.visibleLines(message));
  }

  @Override
  public void warn(String message) {
    STATUS.warn("AlertMail [{}]: {}", appender, UntrustedText.visibleLines(message));
  }

  @Override
  public void error(String message, Throwable cause) {
    STATUS.error("AlertMail [" + appender + "]: " + UntrustedText.visibleLines(message), cause);
  }
}

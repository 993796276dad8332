package dev.alertmail.logback;

import ch.qos.logback.core.Appender;
import dev.alertmail.delivery.StatusSink;

/**
 * The sender's news through the appender's Logback status, never through the logger tree it sits
 * in. Nobody reads the status without a status listener, so errors then also go to stderr,
 * throttled (see {@link StderrFallback}).
 */
final class LogbackStatus implements StatusSink {

  private final Appender<?> appender;
  private final StderrFallback stderr = new StderrFallback();

  LogbackStatus(Appender<?> appender) {
    this.appender = appender;
  }

  @Override
  public void info(String message) {
    appender.addInfo(message);
  }

  @Override
  public void warn(String message) {
    appender.addWarn(message);
  }

  @Override
  public void error(String message, Throwable cause) {
    appender.addError(message, cause);
    if (!hasStatusListener()) {
      stderr.print("AlertMail [" + appender.getName() + "]: " + message);
    }
  }

  private boolean hasStatusListener() {
    return appender.getContext() != null
        && !appender.getContext().getStatusManager().getCopyOfStatusListenerList().isEmpty();
  }
}

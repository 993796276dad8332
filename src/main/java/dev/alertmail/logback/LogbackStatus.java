package dev.alertmail.logback;

import ch.qos.logback.core.Appender;
import dev.alertmail.delivery.StatusSink;
import dev.alertmail.text.UntrustedText;

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
    appender.addInfo(UntrustedText.visibleLines(message));
  }

  @Override
  public void warn(String message) {
    appender.addWarn(UntrustedText.visibleLines(message));
  }

  @Override
  public void error(String message, Throwable cause) {
    String shown = UntrustedText.visibleLines(message);
    appender.addError(shown, cause);
    if (!hasStatusListener()) {
      stderr.print("AlertMail [" + appender.getName() + "]: " + shown);
    }
  }

  private boolean hasStatusListener() {
    return appender.getContext() != null
        && !appender.getContext().getStatusManager().getCopyOfStatusListenerList().isEmpty();
  }
}

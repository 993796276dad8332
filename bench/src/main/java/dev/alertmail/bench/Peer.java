package dev.alertmail.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.net.SMTPAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.helpers.NOPAppender;
import dev.alertmail.logback.AlertMailAppender;

/** The appenders compared, each configured the way a user would write it in logback.xml. */
public enum Peer {
  /**
   * Logback's NOP appender. It extends the synchronized {@code AppenderBase}, so at two threads it
   * measures a lock, not the floor: see {@link #UNSYNC_NOP}.
   */
  NOP,
  /** An empty {@code UnsynchronizedAppenderBase}: the real floor of a logger call. */
  UNSYNC_NOP,
  /** Logback's AsyncAppender around a NOP appender: what "never block" costs in Logback. */
  ASYNC_NOP,
  /** Logback's SMTPAppender (Angus Mail), asynchronousSending on, as documented. */
  LOGBACK_SMTP,
  /** AlertMail with its defaults. */
  ALERTMAIL,
  /** AlertMail as a fleet's Alertmanager client (the quiet path must not change). */
  ALERTMAIL_FLEET;

  /** A private Logback context whose root logger (INFO) writes to this peer. */
  LoggerContext context(int smtpPort) {
    LoggerContext context = new LoggerContext();
    context.setName("bench");
    context.setMDCAdapter(new LogbackMDCAdapter());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender(context, smtpPort));
    return context;
  }

  private Appender<ILoggingEvent> appender(LoggerContext context, int smtpPort) {
    switch (this) {
      case NOP:
        return started(new NOPAppender<>(), context);
      case UNSYNC_NOP:
        return started(new EmptyAppender(), context);
      case ASYNC_NOP:
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.addAppender(started(new NOPAppender<>(), context));
        return started(async, context);
      case LOGBACK_SMTP:
        SMTPAppender smtp = new SMTPAppender();
        smtp.setContext(context);
        smtp.setSMTPHost("127.0.0.1");
        smtp.setSMTPPort(smtpPort);
        smtp.setFrom("alerts@example.com");
        smtp.addTo("ops@example.com");
        smtp.setSubject("[%contextName] %level %logger{20}: %message");
        smtp.setAsynchronousSending(true);
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern("%date %-5level [%thread] %logger - %message%n");
        layout.start();
        smtp.setLayout(layout);
        return started(smtp, context);
      case ALERTMAIL:
        AlertMailAppender alert = new AlertMailAppender();
        alert.setContext(context);
        alert.setSmtpHost("127.0.0.1");
        alert.setSmtpPort(String.valueOf(smtpPort));
        alert.setTls("NONE");
        alert.setFrom("alerts@example.com");
        alert.addTo("ops@example.com");
        return started(alert, context);
      case ALERTMAIL_FLEET:
        AlertMailAppender fleet = new AlertMailAppender();
        fleet.setContext(context);
        // nobody answers HTTP there: the quiet path never reaches the network anyway
        fleet.setAlertmanagerUrl("http://127.0.0.1:" + smtpPort);
        return started(fleet, context);
      default:
        throw new AssertionError(this);
    }
  }

  private static <A extends Appender<ILoggingEvent>> A started(A appender, LoggerContext context) {
    appender.setContext(context);
    appender.setName("BENCH");
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException(
          appender.getClass().getSimpleName()
              + " did not start: "
              + context.getStatusManager().getCopyOfStatusList());
    }
    return appender;
  }

  /** Does nothing, without AppenderBase's lock. */
  static final class EmptyAppender
      extends ch.qos.logback.core.UnsynchronizedAppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {}
  }
}

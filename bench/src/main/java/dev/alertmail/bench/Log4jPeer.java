package dev.alertmail.bench;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.appender.SmtpAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** The Log4j 2 appenders compared, each configured the way a user would write it in log4j2.xml. */
public enum Log4jPeer {
  /** An empty appender: what a logger call costs with nothing behind it (the floor). */
  EMPTY,
  /** Log4j's AsyncAppender around the empty appender: what "never block" costs in Log4j. */
  ASYNC,
  /** Log4j's own SmtpAppender (javax.mail), with its default buffer of 512 events. */
  LOG4J_SMTP,
  /** AlertMail's Log4j appender with its defaults. */
  ALERTMAIL;

  /** A private Log4j context whose root logger (INFO) writes to this peer only. */
  LoggerContext context(int smtpPort) {
    LoggerContext context = new LoggerContext("bench-" + name());
    Configuration config = new DefaultConfiguration();
    config.getRootLogger().getAppenders().keySet().forEach(config.getRootLogger()::removeAppender);
    Appender appender = appender(config, smtpPort);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException(name() + " did not start");
    }
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, Level.INFO, null);
    config.getRootLogger().setLevel(Level.INFO);
    context.start(config);
    return context;
  }

  private Appender appender(Configuration config, int smtpPort) {
    switch (this) {
      case EMPTY:
        return new Empty("EMPTY");
      case ASYNC:
        Empty inner = new Empty("INNER");
        inner.start();
        config.addAppender(inner);
        return AsyncAppender.newBuilder()
            .setName("ASYNC")
            .setAppenderRefs(new AppenderRef[] {AppenderRef.createAppenderRef("INNER", null, null)})
            .setConfiguration(config)
            .build();
      case LOG4J_SMTP:
        return SmtpAppender.newBuilder()
            .setName("SMTP")
            .setSmtpHost("127.0.0.1")
            .setSmtpPort(smtpPort)
            .setFrom("alerts@example.com")
            .setTo("ops@example.com")
            .setSubject("[bench] %level %logger{20}: %message")
            .setLayout(
                PatternLayout.newBuilder()
                    .withPattern("%date %-5level [%thread] %logger - %message%n")
                    .withConfiguration(config)
                    .build())
            .setConfiguration(config)
            .build();
      case ALERTMAIL:
        return dev.alertmail.log4j2.AlertMailAppender.newBuilder()
            .setSmtpHost("127.0.0.1")
            .setSmtpPort(String.valueOf(smtpPort))
            .setTls("NONE")
            .setFrom("alerts@example.com")
            .setTo("ops@example.com")
            .setName("ALERT")
            .setConfiguration(config)
            .build();
      default:
        throw new AssertionError(this);
    }
  }

  /** Does nothing: what a logger call costs with nothing behind it. */
  static final class Empty extends AbstractAppender {
    Empty(String name) {
      super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {}
  }
}

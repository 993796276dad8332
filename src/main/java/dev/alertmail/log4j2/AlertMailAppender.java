package dev.alertmail.log4j2;

import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A Log4j 2 appender that mails ERROR events, with the events that preceded them, through
 * AlertMail's own SMTP client: the plugin {@code <AlertMail>}, configured with the same attributes,
 * names and defaults as the logback.xml elements of the Logback appender (see {@link
 * AlertMailBuilder} and README).
 *
 * <pre>{@code
 * <AlertMail name="ALERT" smtpHost="smtp.example.com" from="alerts@example.com"
 *            to="ops@example.com"/>
 * }</pre>
 *
 * <p>An event triggers a mail when its level is at least {@code triggerLevel} (ERROR), or, when the
 * appender has a filter, when the filter lets it through; every other event is kept as context.
 * Events are copied before {@code append} returns, so async loggers and garbage-free mode, which
 * reuse events and messages, show each event as it was logged. Logging threads never wait: one
 * sender thread per appender mails, and its state survives a reconfiguration.
 */
@Plugin(
    name = "AlertMail",
    category = Core.CATEGORY_NAME,
    elementType = Appender.ELEMENT_TYPE,
    printObject = true)
public final class AlertMailAppender extends AbstractAppender {

  private final AlertMailManager manager;
  private final Level triggerLevel;
  private final PatternLayout subject;

  AlertMailAppender(
      String name,
      Filter filter,
      AlertMailManager manager,
      Level triggerLevel,
      PatternLayout subject) {
    super(name, filter, null, true, null);
    this.manager = manager;
    this.triggerLevel = triggerLevel;
    this.subject = subject;
  }

  /** {@return a builder for {@code <AlertMail>}; Log4j calls it for each configuration} */
  @PluginBuilderFactory
  public static AlertMailBuilder newBuilder() {
    return new AlertMailBuilder();
  }

  /**
   * With a filter, the filter decides what triggers a mail; what it turns away is still kept as
   * context, as in Log4j's own SmtpAppender.
   */
  @Override
  public boolean isFiltered(LogEvent event) {
    boolean filtered = super.isFiltered(event);
    if (filtered && !manager.isSenderThread(Thread.currentThread())) {
      manager.record(event);
    }
    return filtered;
  }

  /** Runs on the application thread: records the event and, on a trigger, hands off a copy. */
  @Override
  public void append(LogEvent event) {
    if (manager.isSenderThread(Thread.currentThread())) {
      return; // whatever our own thread logs must not feed back into a mail
    }
    if (hasFilter() || event.getLevel().isMoreSpecificThan(triggerLevel)) {
      manager.trigger(event, subject);
    } else {
      manager.record(event);
    }
  }

  /** Mails what is pending within {@code shutdownTimeout} when this was the manager's last user. */
  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    setStopping();
    boolean stopped = super.stop(timeout, timeUnit, false);
    stopped &= manager.stop(timeout, timeUnit);
    setStopped();
    return stopped;
  }
}

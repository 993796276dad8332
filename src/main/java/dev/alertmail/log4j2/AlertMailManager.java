package dev.alertmail.log4j2;

import dev.alertmail.alert.ContextRing;
import dev.alertmail.config.AlertMailSettings;
import dev.alertmail.delivery.AlertSender;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What outlives a Log4j reconfiguration: the sender thread with its flood state (pending digest,
 * dedup memory, token bucket) and the context ring. Log4j shares a manager by name and counts its
 * users, so the new configuration's appender takes over this one while the old one stops; when the
 * last user is gone (shutdown, or the appender removed), the manager stops the sender, which mails
 * what is pending within {@code shutdownTimeout}.
 *
 * <p>The name includes the settings, so a reconfiguration that changes them starts afresh.
 */
final class AlertMailManager extends AbstractManager {

  /** What a new manager is made of. */
  record Data(AlertMailSettings.Validated settings, Log4jStatus status) {}

  private static final ManagerFactory<AlertMailManager, Data> FACTORY = AlertMailManager::new;

  private final AlertSender sender;
  private final ContextRing<Log4jContextEvent> ring;
  private final Duration shutdownTimeout;
  private final boolean threading;
  private final Thread exitHook;

  private AlertMailManager(String name, Data data) {
    super(null, name);
    this.sender = new AlertSender(data.settings().sender(), data.status());
    this.ring = new ContextRing<>(data.settings().bufferSize());
    this.shutdownTimeout = data.settings().shutdownTimeout();
    this.threading = data.settings().sender().threading();
    sender.start();
    // Log4j's own shutdown hook stops the context and so this manager; this one covers
    // shutdownHook="disable" and a JVM that exits while other hooks still log
    this.exitHook = new Thread(() -> sender.flushForExit(shutdownTimeout), "alertmail-exit");
    try {
      Runtime.getRuntime().addShutdownHook(exitHook);
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is exiting already
    }
  }

  static AlertMailManager get(String appender, AlertMailSettings settings, Data data) {
    return getManager(
        "AlertMail:" + appender + ":" + Integer.toHexString(settings.hashCode()), FACTORY, data);
  }

  /** Runs on the application thread; never blocks. */
  void record(LogEvent event) {
    ring.add(Log4jContextEvent.of(event), event.getTimeMillis());
  }

  /** Runs on the application thread: records the trigger and hands off a snapshot; never blocks. */
  void trigger(LogEvent event, PatternLayout subject) {
    long sequence = ring.add(Log4jContextEvent.of(event), event.getTimeMillis());
    // the copy is made only if the alert is handed off whole (still before append returns, while
    // a reused event is ours): in a storm most are only counted
    sender.offer(
        () ->
            new Log4jAlert(Log4jEvents.copy(event), ring.takeBefore(sequence), subject, threading),
        event.getLoggerName(),
        kind(event));
  }

  /**
   * The message as written, the kind the storm counting goes by; null (no kind: handed off whole)
   * when asking throws, as an {@code ObjectMessage} of an object whose {@code toString()} fails
   * does.
   */
  private static String kind(LogEvent event) {
    try {
      return event.getMessage() == null ? null : event.getMessage().getFormat();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  boolean isSenderThread(Thread thread) {
    return sender.isSenderThread(thread);
  }

  @Override
  protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is exiting: our hook may be running too, and stop() below covers it
    }
    return sender.stop(shutdownTimeout);
  }
}

package dev.alertmail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.boolex.EvaluationException;
import ch.qos.logback.core.boolex.EventEvaluator;
import dev.alertmail.alert.ContextRing;
import dev.alertmail.config.AlertMailSettings;
import dev.alertmail.delivery.AlertSender;
import dev.alertmail.delivery.SenderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Logback appender that mails ERROR events, with the events that preceded them, through its own
 * SMTP client.
 *
 * <p>Minimal configuration:
 *
 * <pre>{@code
 * <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
 *   <smtpHost>smtp.example.com</smtpHost>
 *   <from>alerts@example.com</from>
 *   <to>ops@example.com</to>
 * </appender>
 * }</pre>
 *
 * <p>Logging threads never wait: they record the event in a lock-free context ring and, on a
 * trigger, hand a snapshot to the appender's own sender thread through a bounded queue. Every
 * problem, from a wrong property to an unreachable server, is reported through Logback's status
 * manager (see {@code <statusListener>} or {@code debug="true"}), never thrown at the application
 * and never logged through the logger tree this appender is attached to.
 *
 * <p>The elements are the setters of {@link RouteProperties} (where mail goes) and {@link
 * MailProperties} (the mail, the trigger, flood control, the life cycle); README lists them all.
 */
public class AlertMailAppender extends MailProperties {

  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  // a misconfigured appender says so on stderr, where it is seen without a status listener
  private static final StderrFallback NOT_STARTED = new StderrFallback();

  private final AtomicInteger evaluatorErrors = new AtomicInteger();
  private Level triggerLevel;
  // the evaluator as configured at start, read on the quiet path instead of evaluator(): the JIT
  // does not inline a method whose signature names a class not loaded yet (EventEvaluator, when
  // none is configured), and that left a real call in every log call
  private EventEvaluator<ILoggingEvent> triggerEvaluator;
  private PatternLayout subjectLayout;
  private ContextRing<ILoggingEvent> ring;
  private AlertSender sender;
  private java.time.Duration shutdownTimeout;
  private boolean threading;
  private Thread exitHook;
  private final AtomicBoolean stopping = new AtomicBoolean();

  /** An appender to configure with its setters, then {@link #start()}. */
  public AlertMailAppender() {}

  /** Validates every property; on any problem reports each through status and stays stopped. */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    String application = application();
    AlertMailSettings.Validated valid =
        settings().validate(getName(), application, LEVELS, problems);
    PatternLayout layout = valid == null ? null : subjectLayout(valid.subject(), problems);
    if (evaluator() != null && valid != null && valid.triggerLevel() != null) {
      addWarn("<triggerLevel> is ignored because an <evaluator> is set; remove one of them.");
    }
    if (!problems.isEmpty()) {
      // warnings, not errors: Spring Boot refuses to start on any Logback error, and a wrong
      // alerting setting must never take the application down; the stderr line says it anyway
      for (String problem : problems) {
        addWarn("Appender [" + getName() + "]: " + problem);
      }
      addWarn(
          "Appender ["
              + getName()
              + "] not started: fix the problems above; the application runs on without alerts.");
      NOT_STARTED.print(
          "AlertMail ["
              + getName()
              + "] not started: "
              + problems.get(0)
              + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
      return;
    }
    SenderConfig config = valid.sender();
    triggerLevel = Level.toLevel(valid.triggerLevel(), Level.ERROR);
    triggerEvaluator = evaluator();
    subjectLayout = layout;
    shutdownTimeout = valid.shutdownTimeout();
    threading = config.threading();
    ReloadHandoff.Parked parked = ReloadHandoff.takeOver(getContext(), getName(), settings());
    for (String warning : valid.warnings()) {
      addWarn("Appender [" + getName() + "]: " + warning);
    }
    if (parked != null) {
      // a reload with the same settings: the pending mail and the dedup memory carry over
      sender = parked.sender();
      ring = parked.ring();
    } else {
      ring = new ContextRing<>(valid.bufferSize());
      sender = new AlertSender(config, new LogbackStatus(this));
      sender.start();
    }
    stopping.set(false);
    super.start();
    exitHook = registerExitHook();
    addInfo("Appender [" + getName() + "] " + config.describe());
  }

  /**
   * The context's name; when nobody named it ({@code default}), the name Spring Boot gives the
   * application ({@code spring.application.name}, which it hands Logback as {@code
   * LOGGED_APPLICATION_NAME}), so a Spring Boot application's mail is not about "[default]".
   */
  private String application() {
    String name = getContext() == null ? "" : getContext().getName();
    if (name != null && !name.equals("default")) {
      return name;
    }
    for (String key :
        List.of("LOGGED_APPLICATION_NAME", "APPLICATION_NAME", "spring.application.name")) {
      String value = getContext() == null ? null : getContext().getProperty(key);
      value = value != null ? value : System.getProperty(key);
      if (value != null) {
        // Spring Boot writes it as a log prefix: "[shop] "
        String bare = value.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
          bare = bare.substring(1, bare.length() - 1).strip();
        }
        if (!bare.isEmpty()) {
          return bare;
        }
      }
    }
    return name == null ? "" : name;
  }

  private PatternLayout subjectLayout(String subject, List<String> problems) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(getContext());
    layout.setPattern(subject);
    // subjects are one line; a %ex in the pattern must not pull a stack trace into the header
    layout.setPostCompileProcessor(null);
    layout.start();
    if (!layout.isStarted()) {
      problems.add(
          "<subject> '"
              + subject
              + "' is not a valid pattern: see the Logback status above, or leave <subject> out.");
      return null;
    }
    return layout;
  }

  /**
   * Delivers what is pending within {@code shutdownTimeout}, then returns. When the JVM exits
   * without stopping Logback (no {@code <shutdownHook/>}), the appender's own exit hook mails what
   * is pending at once instead (see {@link #flushAtExit()}), so an application that logs an ERROR
   * and exits within {@code groupWait} still sends it.
   */
  @Override
  public void stop() {
    // Logback's shutdown hook and ours may call this at the same time: one of them does the work
    if (!isStarted() || !stopping.compareAndSet(false, true)) {
      return;
    }
    super.stop();
    unregisterExitHook();
    // the subject layout stays started while the sender may still render pending alerts with it
    if (ReloadHandoff.isReload()) {
      AlertSender parked = sender;
      ReloadHandoff.park(
          getContext(),
          getName(),
          new ReloadHandoff.Parked(
              parked,
              ring,
              settings().copy(),
              shutdownTimeout,
              new java.util.concurrent.ScheduledFuture<?>[1],
              new Thread(() -> parked.flushForExit(shutdownTimeout), "alertmail-exit")));
    } else {
      sender.stop(shutdownTimeout);
      subjectLayout.stop();
    }
  }

  private Thread registerExitHook() {
    Thread hook = new Thread(this::flushAtExit, "alertmail-exit[" + getName() + "]");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return hook;
    } catch (IllegalStateException | SecurityException e) {
      return null; // the JVM is already exiting: whoever started us now will stop us
    }
  }

  /**
   * Runs in the JVM's shutdown, beside the other hooks: mails what is pending at once and keeps the
   * appender running, since another hook (Spring closing its context) may still log an ERROR before
   * it stops Logback, whose stop() then drains the rest.
   */
  private void flushAtExit() {
    if (isStarted() && !stopping.get()) {
      sender.flushForExit(shutdownTimeout);
    }
  }

  private void unregisterExitHook() {
    Thread hook = exitHook;
    exitHook = null;
    if (hook == null || Thread.currentThread() == hook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is exiting and our hook may be running too; the stopping flag keeps it idle
    }
  }

  /** Runs on the application thread: records the event and, on a trigger, hands off a snapshot. */
  @Override
  protected void append(ILoggingEvent event) {
    if (sender.isSenderThread(Thread.currentThread())) {
      return; // whatever our own thread logs (JDK or library code) must not feed back into a mail
    }
    if (isTrigger(event)) {
      trigger(event);
      return;
    }
    DeferredEvents.prepareContextEvent(event);
    ring.add(event, event.getTimeStamp());
  }

  /** A method of its own, so that the quiet path stays small enough to inline. */
  private void trigger(ILoggingEvent event) {
    DeferredEvents.prepareContextEvent(event);
    long sequence = ring.add(event, event.getTimeStamp());
    PatternLayout layout = subjectLayout;
    boolean stable = threading;
    // made only if the alert is handed off whole: in a storm most are only counted, and such a
    // trigger needs no more than any context event
    sender.offer(
        () -> {
          event.prepareForDeferredProcessing();
          return new LogbackAlert(event, ring.takeBefore(sequence), layout, stable);
        },
        event.getLoggerName(),
        event.getMessage());
  }

  private boolean isTrigger(ILoggingEvent event) {
    var evaluator = triggerEvaluator;
    return evaluator == null
        ? event.getLevel().isGreaterOrEqual(triggerLevel)
        : evaluate(evaluator, event);
  }

  private boolean evaluate(EventEvaluator<ILoggingEvent> evaluator, ILoggingEvent event) {
    try {
      return evaluator.evaluate(event);
    } catch (EvaluationException | RuntimeException e) {
      if (evaluatorErrors.incrementAndGet() <= 4) {
        addError(
            "Appender ["
                + getName()
                + "]: evaluator "
                + evaluator.getName()
                + " failed; event not treated as a trigger.",
            e);
      }
      return false;
    }
  }
}

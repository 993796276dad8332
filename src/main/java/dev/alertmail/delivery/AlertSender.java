package dev.alertmail.delivery;

import dev.alertmail.alert.AlertSource;
import dev.alertmail.alert.FloodControl;
import dev.alertmail.alert.Unreadable;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The sender thread: takes alerts from application threads without ever blocking them, shapes them
 * into few mails through {@link FloodControl}, and sends those.
 *
 * <p>Life cycle: {@link #start()} once, {@link #offer(AlertSource)} from any thread, {@link
 * #stop(Duration)} once. Everything the sender has to say goes to the {@link StatusSink}.
 */
public final class AlertSender {

  // bounds each idle wait, so a stop request or a clock jump is noticed soon
  private static final long MAX_WAIT_MILLIS = 1_000;
  // after an unexpected failure, so one that repeats does not hold a core
  private static final long FAILURE_PAUSE_MILLIS = 1_000;
  // alerts taken from the hand-off before flood control decides, so a burst becomes one mail
  private static final int BATCH = 4_096;

  private final SenderConfig config;
  private final StatusSink status;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final BoundedHandoff<AlertSource> handoff;
  private final OverflowKinds overflow = new OverflowKinds();
  private final KindAdmission admission = new KindAdmission();
  // when the kinds last got a new second of alerts handed off whole (sender thread only)
  private Instant admissionSecond;
  private final ReportThrottle failureReports;
  private final ReportThrottle dropReports;
  private final Thread worker;
  private volatile boolean stopRequested;
  private volatile boolean exiting;
  // set by the sender thread only, once an exit flush found nothing more to send
  private volatile boolean drained;
  // set by the sender thread only, as it ends
  private volatile boolean ended;
  private final Object idle = new Object();
  private volatile boolean abandoned;
  // what the worker holds (flood control and the mail in flight), for stop()'s report
  private volatile long held;

  /** Builds a sender for the given configuration; nothing runs until {@link #start()}. */
  public AlertSender(SenderConfig config, StatusSink status) {
    this(config, status, InstantSource.system(), new SplittableRandom());
  }

  /** As {@link #AlertSender(SenderConfig, StatusSink)}, on the given clock and randomness. */
  AlertSender(SenderConfig config, StatusSink status, InstantSource clock, RandomGenerator random) {
    this.config = config;
    // a report that fails (a status listener that throws) must cost only that report
    this.status = new GuardedStatus(status);
    this.clock = clock;
    this.admissionSecond = clock.instant();
    this.random = random;
    this.handoff = new BoundedHandoff<>(config.queueSize());
    this.failureReports = new ReportThrottle(4, TimeUnit.MINUTES.toMillis(30), clock::millis);
    this.dropReports = new ReportThrottle(4, TimeUnit.MINUTES.toMillis(30), clock::millis);
    this.worker = new Thread(this::run, "alertmail-sender[" + config.name() + "]");
    this.worker.setDaemon(true);
    this.handoff.consumer(worker);
  }

  /** Starts the sender thread. */
  public void start() {
    worker.start();
  }

  /**
   * Hands an alert to the sender. Never blocks: when the hand-off is full the alert is counted as
   * dropped, and the count is reported in status and in the next mail.
   *
   * @return whether the alert was queued
   */
  public boolean offer(AlertSource alert) {
    return handoff.offer(alert);
  }

  /**
   * As {@link #offer(AlertSource)}, making the alert only when there is room for it: in a storm, a
   * full hand-off costs the logging thread a counter, not a snapshot. What does not fit is counted
   * under its kind (logger and message template, as the event holds them: nothing is allocated), so
   * the mail can say which problems the overflow belonged to.
   *
   * @return whether the alert was made and queued
   */
  public boolean offer(
      java.util.function.Supplier<? extends AlertSource> maker, String logger, String template) {
    return offer(maker, logger, template, System.currentTimeMillis());
  }

  /** As {@link #offer(java.util.function.Supplier, String, String)}, for an event logged then. */
  public boolean offer(
      java.util.function.Supplier<? extends AlertSource> maker,
      String logger,
      String template,
      long eventMillis) {
    int slot = admission.slot(logger, template);
    if (!admission.admit(slot, eventMillis)) {
      return false; // counted under its problem: the sender knows it already
    }
    if (handoff.tryOffer(
        () -> {
          AlertSource made = made(maker);
          return slot < 0 ? made : admission.admitted(made, slot, logger, template);
        })) {
      return true;
    }
    if (admission.countOverflow(slot, logger, template, eventMillis)) {
      return false; // counted under its kind, whose problem the sender knows or is about to learn
    }
    handoff.countDropped();
    overflow.count(logger, template);
    return false;
  }

  /**
   * The alert the maker makes on the logging thread; one that fails (the framework could not
   * prepare its event) stands in for it, so the trigger is still mailed and the logging thread
   * never sees the failure.
   */
  private static AlertSource made(java.util.function.Supplier<? extends AlertSource> maker) {
    try {
      return maker.get();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      long at = System.currentTimeMillis();
      return () -> Unreadable.alert(() -> null, e, at);
    }
  }

  /** Whether the given thread is this sender's own thread, whose log events must be ignored. */
  public boolean isSenderThread(Thread thread) {
    return thread == worker;
  }

  /**
   * Sends everything pending as one final mail, even when the rate limit is spent, within the
   * timeout, then returns whatever the server does. What could not be delivered in time is reported
   * through status with its count.
   *
   * @return whether everything pending was handled in time
   */
  public boolean stop(Duration timeout) {
    stopRequested = true;
    handoff.wakeConsumer();
    try {
      worker.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!worker.isAlive()) {
      return true;
    }
    abandoned = true;
    long unsent = held + handoff.size() + handoff.dropped() + admission.undrained();
    status.error(
        "Stopped after shutdownTimeout ("
            + timeout.toMillis()
            + " ms) with "
            + DigestMailer.plural(unsent, "triggering event")
            + " not delivered: "
            + config.route()
            + " did not complete in time. Raise shutdownTimeout or check the server.",
        null);
    return false;
  }

  /**
   * The JVM is exiting: from now on every alert is mailed at once, whatever {@code groupWait} and
   * the rate limit say, and this waits (up to the timeout) until nothing is pending. The sender is
   * not stopped: other shutdown hooks run at the same time and may still log an error (Spring
   * closing its context) before they stop Logback, which then drains the rest.
   *
   * @return whether everything pending was handled in time
   */
  public boolean flushForExit(Duration timeout) {
    drained = false;
    exiting = true;
    handoff.wakeConsumer();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (!drained && !ended && worker.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    // a sender that ended (stopped, or could not start) has said what it could not send
    return drained || handoff.size() == 0;
  }

  private void signalIdle() {
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  private void run() {
    try {
      Route route;
      try {
        route = route();
      } catch (RuntimeException e) {
        status.error("Alert sender could not start: " + e.getMessage(), e);
        return;
      }
      while (!serve(route)) {
        // a step failed; serve() reported it and the sender carries on
      }
    } finally {
      // flushForExit() waits for this thread; wake it now, not when its timeout runs out
      ended = true;
      signalIdle();
    }
  }

  /** Mail through flood control, or a fleet's Alertmanager with mail as the fallback. */
  private Route route() {
    LocalHost host = LocalHost.resolve();
    MailRoute mail = null;
    if (config.mailsDirectly()) {
      mail =
          new MailRoute(
              new FloodControl(config.flood(), clock.instant(), random),
              new DigestMailer(config, host, status, failureReports),
              status,
              clock,
              random,
              () -> stopRequested,
              events -> held = events);
    }
    if (config.alertmanager() == null) {
      return mail;
    }
    return new AlertmanagerRoute(config, host, mail, status, clock, random);
  }

  /**
   * Runs the sender's loop until it ends ({@return true}); {@return false} after a step failed in a
   * way no step expects (a bug, an error thrown where none should be), once it is reported, so the
   * caller runs the loop again: whatever goes wrong, the sender keeps serving.
   */
  private boolean serve(Route route) {
    try {
      loop(route);
      return true;
    } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
      long skipped = failureReports.admit();
      if (skipped >= 0) {
        status.error(
            "Alert sender hit an unexpected failure and carries on (please report this): " + e, e);
      }
      // a failure that repeats at once must not spin the thread: pause a moment, or until stop
      handoff.pause(FAILURE_PAUSE_MILLIS);
      return false;
    }
  }

  private void loop(Route route) {
    while (!abandoned) {
      if (stopRequested) {
        take(route, 0, Integer.MAX_VALUE); // all of it: the last word accounts for everything
        settleCounted(route);
        route.finish(clock.instant(), () -> abandoned);
        held = 0;
        // a logging call that was already inside append() when the appender stopped
        long late = handoff.size() + handoff.dropped() + admission.undrained();
        if (late > 0) {
          status.error(
              DigestMailer.plural(late, "triggering event")
                  + " arrived after the last mail and were not delivered.",
              null);
        }
        return;
      }
      if (exiting) {
        take(route, 0, Integer.MAX_VALUE);
        settleCounted(route);
        if (!route.flush(clock.instant()) && handoff.size() == 0) {
          drained = true;
          signalIdle();
          take(route, MAX_WAIT_MILLIS, Integer.MAX_VALUE); // then send what comes at once
        }
        held = route.pending();
        continue;
      }
      take(route, waitMillis(route), BATCH);
      route.work(clock.instant());
      held = route.pending();
    }
  }

  /**
   * What the logging threads counted since the last settlement joins the route (after each take,
   * and once more for the last word); {@return the time it was counted at}
   */
  private Instant settleCounted(Route route) {
    Instant now = clock.instant();
    admission.drain(
        new KindAdmission.Counts() {
          @Override
          public void add(String fingerprint, long count, long last) {
            route.counted(fingerprint, count, last > 0 ? Instant.ofEpochMilli(last) : now, now);
          }

          @Override
          public void unplaced(String logger, String template, long count) {
            handoff.countDropped(count);
            overflow.count(logger, template, count);
          }
        });
    return now;
  }

  /** Waits up to the given time for alerts, then takes up to {@code limit}, and the drop count. */
  private void take(Route route, long waitMillis, int limit) {
    AlertSource source = handoff.poll(waitMillis, TimeUnit.MILLISECONDS);
    for (int taken = 0; source != null; taken++) {
      admission.taken(source);
      try {
        route.accept(source, clock.instant());
        admission.learn(source);
      } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
        // a bug or a hostile exception must cost this alert's detail, never the alert, another
        // alert or the sender thread: it is sent with what is known
        route.accept(Unreadable.alert(source, e, clock.millis()), clock.instant());
        status.error("Could not read an alert; it is sent without its detail: " + e, e);
      }
      source = taken < limit ? handoff.poll(0, TimeUnit.MILLISECONDS) : null;
    }
    Instant now = settleCounted(route);
    if (!now.isBefore(admissionSecond.plusSeconds(1)) || now.isBefore(admissionSecond)) {
      admission.newSecond();
      admissionSecond = now;
    }
    long dropped = handoff.takeDropped();
    if (dropped > 0) {
      route.dropped(dropped, overflow.drain(), clock.instant());
      reportDrops(dropped);
    }
    held = route.pending();
  }

  private long waitMillis(Route route) {
    Instant now = clock.instant();
    Instant wake = route.nextWakeup(now);
    if (wake == null) {
      return MAX_WAIT_MILLIS;
    }
    long millis = Duration.between(now, wake).toMillis();
    return Math.max(0, Math.min(millis + 1, MAX_WAIT_MILLIS));
  }

  private void reportDrops(long dropped) {
    if (dropReports.admit() >= 0) {
      status.warn(
          DigestMailer.plural(dropped, "alert")
              + " dropped because the hand-off queue was full (queueSize="
              + config.queueSize()
              + "); the count is reported in the next mail.");
    }
  }
}

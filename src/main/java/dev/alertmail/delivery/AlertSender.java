package dev.alertmail.delivery;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.FloodControl;
import dev.alertmail.alert.Unreadable;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The sender thread: takes alerts from application threads without ever blocking them, shapes them
 * into few mails through {@link FloodControl}, and sends those.
 *
 * <p>Life cycle: {@link #start()} once, {@link #offer(Alert)} from any thread, {@link
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
    this.status = status;
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
    int slot = admission.slot(logger, template);
    if (!admission.admit(slot)) {
      return false; // counted under its problem: the sender knows it already
    }
    if (handoff.offer(
        slot < 0 ? maker : () -> admission.admitted(maker.get(), slot, logger, template))) {
      return true;
    }
    overflow.count(logger, template);
    return false;
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

  // delivered mails some recipients still wait for; sender thread only
  private final List<RecipientRetry> recipientRetries = new ArrayList<>();

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
    return true;
  }

  private void signalIdle() {
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  private void run() {
    try {
      DigestMailer mailer;
      try {
        mailer = new DigestMailer(config, LocalHost.resolve(), status, failureReports);
      } catch (RuntimeException e) {
        status.error("Alert sender could not start: " + e.getMessage(), e);
        return;
      }
      FloodControl flood = new FloodControl(config.flood(), clock.instant(), random);
      while (!serve(mailer, flood)) {
        // a step failed; serve() reported it and the sender carries on
      }
    } finally {
      // flushForExit() waits for this thread; wake it now, not when its timeout runs out
      ended = true;
      signalIdle();
    }
  }

  /**
   * Runs the sender's loop until it ends ({@return true}); {@return false} after a step failed in a
   * way no step expects (a bug, an error thrown where none should be), once it is reported, so the
   * caller runs the loop again: whatever goes wrong, the sender keeps serving.
   */
  private boolean serve(DigestMailer mailer, FloodControl flood) {
    try {
      loop(mailer, flood);
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

  private void loop(DigestMailer mailer, FloodControl flood) {
    while (!abandoned) {
      if (stopRequested) {
        take(flood, 0, Integer.MAX_VALUE); // all of it: the last mail accounts for everything
        settleCounted(flood);
        Optional<Digest> last = flood.drain();
        if (last.isPresent()) {
          send(mailer, flood, last.get(), true);
        }
        // one last try for recipients still waiting, whatever their backoff says
        for (RecipientRetry retry : recipientRetries) {
          if (abandoned || !mailer.retry(retry, clock.instant())) {
            mailer.abandon(retry);
          }
        }
        recipientRetries.clear();
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
        take(flood, 0, Integer.MAX_VALUE);
        settleCounted(flood);
        Optional<Digest> now = flood.drain();
        if (now.isPresent()) {
          send(mailer, flood, now.get(), true); // no retry can outlive the JVM
        } else if (handoff.size() == 0) {
          drained = true;
          signalIdle();
          take(flood, MAX_WAIT_MILLIS, Integer.MAX_VALUE); // then mail what comes at once
        }
        continue;
      }
      take(flood, waitMillis(flood), BATCH);
      Optional<Digest> due = flood.poll(clock.instant());
      if (due.isPresent()) {
        send(mailer, flood, due.get(), false);
      }
      retryRecipients(mailer);
    }
  }

  private void retryRecipients(DigestMailer mailer) {
    for (var it = recipientRetries.iterator(); it.hasNext() && !stopRequested; ) {
      RecipientRetry retry = it.next();
      Instant now = clock.instant();
      if (!now.isBefore(retry.due()) && mailer.retry(retry, now)) {
        it.remove();
      }
    }
  }

  /**
   * What the logging threads counted since the last settlement joins flood control (after each
   * take, and once more for the last mail); {@return the time it was counted at}
   */
  private Instant settleCounted(FloodControl flood) {
    Instant now = clock.instant();
    admission.drain((fingerprint, count) -> flood.counted(fingerprint, count, now));
    return now;
  }

  /** Waits up to the given time for alerts, then takes up to {@code limit}, and the drop count. */
  private void take(FloodControl flood, long waitMillis, int limit) {
    AlertSource source = handoff.poll(waitMillis, TimeUnit.MILLISECONDS);
    for (int taken = 0; source != null; taken++) {
      try {
        flood.accept(source, clock.instant());
        admission.learn(source);
      } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
        // a bug or a hostile exception must cost this alert's detail, never the alert, another
        // alert or the sender thread: it is mailed with what is known
        status.error("Could not read an alert; it is mailed without its detail: " + e, e);
        flood.accept(Unreadable.alert(source, e, clock.millis()), clock.instant());
      }
      source = taken < limit ? handoff.poll(0, TimeUnit.MILLISECONDS) : null;
    }
    Instant now = settleCounted(flood);
    if (!now.isBefore(admissionSecond.plusSeconds(1)) || now.isBefore(admissionSecond)) {
      admission.newSecond();
      admissionSecond = now;
    }
    long dropped = handoff.takeDropped();
    if (dropped > 0) {
      flood.dropped(dropped, overflow.drain(), clock.instant());
      reportDrops(dropped);
    }
    held = flood.pendingEvents();
  }

  private long waitMillis(FloodControl flood) {
    Instant now = clock.instant();
    Instant wake = flood.nextWakeup(now);
    for (RecipientRetry retry : recipientRetries) {
      wake = wake == null || retry.due().isBefore(wake) ? retry.due() : wake;
    }
    if (wake == null) {
      return MAX_WAIT_MILLIS;
    }
    long millis = Duration.between(now, wake).toMillis();
    return Math.max(0, Math.min(millis + 1, MAX_WAIT_MILLIS));
  }

  private void send(DigestMailer mailer, FloodControl flood, Digest digest, boolean last) {
    held = flood.pendingEvents() + digest.triggeringEvents();
    DigestMailer.Delivery delivery = mailer.deliver(digest, clock.instant(), random);
    Instant now = clock.instant();
    switch (delivery.outcome()) {
      case DELIVERED -> {
        flood.delivered(digest, now);
        if (delivery.retry() != null) {
          recipientRetries.add(delivery.retry());
        }
      }
      case TRANSIENT_FAILURE -> {
        if (last) {
          reportLost(digest, "the appender is stopping and cannot retry");
        } else {
          Duration delay = flood.retryLater(digest, now);
          if (flood.failuresInARow() == 1) {
            status.warn(
                "Will retry the alert mail in "
                    + delay.toSeconds()
                    + " s, then with growing pauses up to 5 minutes; new alerts join it"
                    + " meanwhile.");
          }
        }
      }
      case PERMANENT_FAILURE -> {
        flood.lost(digest);
        reportLost(digest, "the failure is permanent");
      }
    }
    held = flood.pendingEvents();
  }

  private void reportLost(Digest digest, String why) {
    status.error(
        DigestMailer.plural(digest.triggeringEvents(), "triggering event")
            + " not delivered: "
            + why
            + " (see the error above).",
        null);
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

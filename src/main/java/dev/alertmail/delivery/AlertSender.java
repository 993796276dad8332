package dev.alertmail.delivery;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.Digest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sender thread: takes alerts from application threads without ever blocking them, and mails
 * each one.
 *
 * <p>Life cycle: {@link #start()} once, {@link #offer(Alert)} from any thread, {@link
 * #stop(Duration)} once. Everything the sender has to say goes to the {@link StatusSink}.
 */
public final class AlertSender {

  private static final long IDLE_POLL_MILLIS = 1_000;

  private final SenderConfig config;
  private final StatusSink status;
  private final BoundedHandoff<Alert> handoff;
  private final ReportThrottle failureReports;
  private final ReportThrottle dropReports;
  private final Thread worker;
  private volatile boolean stopRequested;
  private volatile boolean abandoned;
  private volatile long drainDeadlineNanos;
  private volatile long inFlight;

  /** Builds a sender for the given configuration; nothing runs until {@link #start()}. */
  public AlertSender(SenderConfig config, StatusSink status) {
    this.config = config;
    this.status = status;
    this.handoff = new BoundedHandoff<>(config.queueSize());
    this.failureReports =
        new ReportThrottle(4, TimeUnit.MINUTES.toMillis(30), System::currentTimeMillis);
    this.dropReports =
        new ReportThrottle(4, TimeUnit.MINUTES.toMillis(30), System::currentTimeMillis);
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
  public boolean offer(Alert alert) {
    return handoff.offer(alert);
  }

  /** Whether the given thread is this sender's own thread, whose log events must be ignored. */
  public boolean isSenderThread(Thread thread) {
    return thread == worker;
  }

  /**
   * Delivers what is pending within the timeout, then returns whatever the server does. What could
   * not be delivered in time is reported through status with its count.
   *
   * @return whether everything pending was handled in time
   */
  public boolean stop(Duration timeout) {
    drainDeadlineNanos = System.nanoTime() + timeout.toNanos();
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
    // counted after abandoning, so the worker cannot take another alert meanwhile
    long unsent = inFlight + handoff.size() + handoff.dropped();
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

  private void run() {
    DigestMailer mailer;
    try {
      mailer = new DigestMailer(config, LocalHost.resolve(), status, failureReports);
    } catch (RuntimeException e) {
      status.error("Alert sender could not start: " + e.getMessage(), e);
      return;
    }
    while (!abandoned) {
      if (stopRequested && System.nanoTime() - drainDeadlineNanos > 0) {
        return; // stop() reports what is left
      }
      Alert alert = handoff.poll(stopRequested ? 0 : IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (alert == null) {
        if (stopRequested) {
          reportOrphanDrops();
          return;
        }
        continue;
      }
      long dropped = handoff.takeDropped();
      Digest digest = new Digest(List.of(alert), dropped);
      inFlight = digest.triggeringEvents();
      try {
        reportDrops(dropped);
        mailer.deliver(digest);
      } finally {
        inFlight = 0;
      }
    }
  }

  private void reportDrops(long dropped) {
    if (dropped > 0 && dropReports.admit() >= 0) {
      status.warn(
          DigestMailer.plural(dropped, "alert")
              + " dropped because the hand-off queue was full (queueSize="
              + config.queueSize()
              + "); the count is reported in the next mail.");
    }
  }

  /** Drops counted after the last alert was taken have no mail left to carry them. */
  private void reportOrphanDrops() {
    long dropped = handoff.takeDropped();
    if (dropped > 0) {
      status.error(
          DigestMailer.plural(dropped, "alert")
              + " dropped because the hand-off queue was full (queueSize="
              + config.queueSize()
              + ") and no mail was left to report them.",
          null);
    }
  }
}

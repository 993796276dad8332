package dev.alertmail.delivery;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.FloodControl;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.random.RandomGenerator;

/**
 * Alerts as mail: flood control shapes them into few mails, the mailer sends them, transient
 * failures are retried with backoff, and recipients refused for now get their copy later.
 */
final class MailRoute implements Route {

  private final FloodControl flood;
  private final DigestMailer mailer;
  private final StatusSink status;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final BooleanSupplier stopping;
  private final LongConsumer held;
  // delivered mails some recipients still wait for
  private final List<RecipientRetry> recipientRetries = new ArrayList<>();

  /**
   * A route through the given flood control and mailer.
   *
   * @param stopping whether the appender is stopping: recipient retries then wait for the last word
   * @param held told, before and after each mail, what the route holds, for a stop that times out
   */
  MailRoute(
      FloodControl flood,
      DigestMailer mailer,
      StatusSink status,
      InstantSource clock,
      RandomGenerator random,
      BooleanSupplier stopping,
      LongConsumer held) {
    this.flood = flood;
    this.mailer = mailer;
    this.status = status;
    this.clock = clock;
    this.random = random;
    this.stopping = stopping;
    this.held = held;
  }

  @Override
  public void accept(AlertSource source, Instant now) {
    flood.accept(source, now);
  }

  @Override
  public void accept(Alert alert, Instant now) {
    flood.accept(alert, now);
  }

  /** As {@link #accept(Alert, Instant)}, under the fingerprint another route knows it by. */
  void accept(Alert alert, String fingerprint, Instant now) {
    flood.accept(alert, now, fingerprint);
  }

  @Override
  public void counted(String fingerprint, long count, Instant at, Instant now) {
    flood.counted(fingerprint, count, at, now);
  }

  @Override
  public void dropped(long count, Map<String, Long> byKind, Instant now) {
    flood.dropped(count, byKind, now);
  }

  @Override
  public Instant nextWakeup(Instant now) {
    Instant wake = flood.nextWakeup(now);
    for (RecipientRetry retry : recipientRetries) {
      wake = wake == null || retry.due().isBefore(wake) ? retry.due() : wake;
    }
    return wake;
  }

  @Override
  public void work(Instant now) {
    Optional<Digest> due = flood.poll(now);
    if (due.isPresent()) {
      send(due.get(), false);
    }
    retryRecipients();
  }

  @Override
  public boolean flush(Instant now) {
    Optional<Digest> pending = flood.drain();
    if (pending.isEmpty()) {
      return false;
    }
    send(pending.get(), true); // no retry can outlive the JVM
    return true;
  }

  @Override
  public void finish(Instant now, BooleanSupplier abandoned) {
    Optional<Digest> last = flood.drain();
    if (last.isPresent()) {
      send(last.get(), true);
    }
    // one last try for recipients still waiting, whatever their backoff says
    for (RecipientRetry retry : recipientRetries) {
      if (abandoned.getAsBoolean() || !mailer.retry(retry, clock.instant())) {
        mailer.abandon(retry);
      }
    }
    recipientRetries.clear();
  }

  @Override
  public long pending() {
    return flood.pendingEvents();
  }

  private void retryRecipients() {
    for (var it = recipientRetries.iterator(); it.hasNext() && !stopping.getAsBoolean(); ) {
      RecipientRetry retry = it.next();
      Instant now = clock.instant();
      if (!now.isBefore(retry.due()) && mailer.retry(retry, now)) {
        it.remove();
      }
    }
  }

  private void send(Digest digest, boolean last) {
    held.accept(flood.pendingEvents() + digest.triggeringEvents());
    DigestMailer.Delivery delivery;
    try {
      delivery = mailer.deliver(digest, clock.instant(), random);
    } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
      // the digest left flood control already: a failure no step expects must not lose it, so it
      // is retried (a mail that went out before the failure may then arrive twice)
      status.error("Could not send alert mail: " + e, e);
      delivery = new DigestMailer.Delivery(DeliveryOutcome.TRANSIENT_FAILURE, null);
    }
    settle(digest, delivery, last, clock.instant());
    held.accept(flood.pendingEvents());
  }

  private void settle(Digest digest, DigestMailer.Delivery delivery, boolean last, Instant now) {
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
  }

  private void reportLost(Digest digest, String why) {
    status.error(
        DigestMailer.plural(digest.triggeringEvents(), "triggering event")
            + " not delivered: "
            + why
            + " (see the error above).",
        null);
  }
}

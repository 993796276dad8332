package dev.alertmail.delivery;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import dev.alertmail.alertmanager.ActiveAlerts;
import dev.alertmail.alertmanager.AlertmanagerClient;
import dev.alertmail.alertmanager.ReplicaAnswer;
import dev.alertmail.text.ShortList;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Alerts for a fleet: each problem becomes one alert posted to every Alertmanager replica, which
 * sends one notification per problem for all instances. Mail is the fallback: a problem whose first
 * firing no replica took within {@code fallbackAfter} is mailed through flood control as usual, and
 * its events are mailed until a replica takes it.
 */
final class AlertmanagerRoute implements Route {

  // the conversation's domain when no mail is configured: reserved, it names nobody's server
  private static final String THREAD_DOMAIN = "alertmail.invalid";

  private final ActiveAlerts alerts;
  private final AlertmanagerClient client;
  private final MailRoute mail;
  private final StatusSink status;
  private final InstantSource clock;
  private final ReportThrottle failureReports;
  // counts changed since the last post, for an exit flush
  private boolean changed;
  private boolean failing;

  /**
   * A route to the configured replicas.
   *
   * @param mail the fallback, or null when no mail is configured
   */
  AlertmanagerRoute(
      SenderConfig config,
      LocalHost host,
      MailRoute mail,
      StatusSink status,
      InstantSource clock,
      RandomGenerator random) {
    String instance = host.displayName();
    this.alerts =
        new ActiveAlerts(
            config.alertmanager(),
            config.application(),
            instance,
            config.appPackages(),
            config.from() == null ? THREAD_DOMAIN : config.from().domain(),
            random);
    this.client = new AlertmanagerClient(config.alertmanager());
    this.mail = mail;
    this.status = status;
    this.clock = clock;
    this.failureReports = new ReportThrottle(4, Duration.ofMinutes(30).toMillis(), clock::millis);
  }

  @Override
  public void accept(AlertSource source, Instant now) {
    String fingerprint = source.fingerprint();
    if (fingerprint != null && alerts.firing(fingerprint, now)) {
      Instant at = Instant.ofEpochMilli(source.timestampMillis());
      alerts.counted(fingerprint, 1, at, now);
      // a problem already known: counted, the alert never built
      changed = true;
      if (mail != null && alerts.mailing(fingerprint)) {
        mail.counted(fingerprint, 1, at, now);
      }
      return;
    }
    accept(source.toAlert(), fingerprint, now);
  }

  @Override
  public void accept(Alert alert, Instant now) {
    accept(alert, null, now);
  }

  private void accept(Alert alert, String known, Instant now) {
    String fingerprint = alerts.accept(alert, known, now);
    changed = true;
    if (mail != null && alerts.mailing(fingerprint)) {
      mail.accept(alert, fingerprint, now);
    }
  }

  @Override
  public void counted(String fingerprint, long count, Instant at, Instant now) {
    changed = true;
    if (!alerts.counted(fingerprint, count, at, now)) {
      alerts.dropped(count); // a problem forgotten meanwhile: said as dropped, not lost silently
    } else if (mail != null && alerts.mailing(fingerprint)) {
      mail.counted(fingerprint, count, at, now);
    }
  }

  @Override
  public void dropped(long count, Map<String, Long> byKind, Instant now) {
    changed = true;
    alerts.dropped(count);
    if (mail != null && failing) {
      mail.dropped(count, byKind, now); // nobody may see the alerts: the mail says it too
    }
  }

  @Override
  public Instant nextWakeup(Instant now) {
    Instant wake = alerts.nextWakeup(now);
    Instant mailWake = mail == null ? null : mail.nextWakeup(now);
    return wake == null || mailWake != null && mailWake.isBefore(wake) ? mailWake : wake;
  }

  @Override
  public void work(Instant now) {
    try {
      ActiveAlerts.Post post = alerts.due(now);
      if (post != null) {
        send(post);
      }
    } finally {
      // whatever became of the post, a problem no replica took in time is mailed
      fallBack(clock.instant());
    }
    if (mail != null) {
      mail.work(clock.instant());
    }
  }

  private void fallBack(Instant now) {
    for (ActiveAlerts.Fallback fallback : alerts.fallbacks(now)) {
      if (mail == null) {
        alerts.dropped(fallback.count()); // said in the next post that carries any alert
        continue;
      }
      mail.accept(fallback.sample(), fallback.fingerprint(), now);
      if (fallback.count() > 1) {
        mail.counted(fallback.fingerprint(), fallback.count() - 1, fallback.lastSeen(), now);
      }
    }
  }

  @Override
  public boolean flush(Instant now) {
    boolean sent = false;
    if (changed) {
      ActiveAlerts.Post post = alerts.last(now);
      if (post != null) {
        lastWord(post, now);
        sent = true;
      }
      changed = false;
    }
    return (mail != null && mail.flush(now)) || sent;
  }

  @Override
  public void finish(Instant now, BooleanSupplier abandoned) {
    // the final counts, still firing: an instance that restarts in a loop must not flap
    ActiveAlerts.Post post = alerts.last(now);
    if (post != null && !abandoned.getAsBoolean()) {
      lastWord(post, now);
    }
    if (mail != null) {
      mail.finish(clock.instant(), abandoned);
    }
    client.close();
  }

  /**
   * The last post, at stop or exit: when no replica takes it, what no replica ever took is mailed
   * now (nothing will retry it), or said as lost, whatever the throttle says.
   */
  private void lastWord(ActiveAlerts.Post post, Instant now) {
    if (send(post) != ActiveAlerts.Outcome.FAILED) {
      return;
    }
    long unposted = alerts.unposted();
    if (mail != null) {
      for (String fingerprint : post.fingerprints()) {
        if (!alerts.wasTaken(fingerprint)) {
          alerts.fallBackNow(fingerprint);
        }
      }
      fallBack(now);
      mail.flush(clock.instant());
      unposted = alerts.unpostedOfTaken();
    }
    if (unposted > 0) {
      status.error(
          DigestMailer.plural(unposted, "triggering event")
              + " not delivered: no Alertmanager replica took the last post"
              + (mail == null
                  ? ", and no mail is configured to fall back on."
                  : " (counted since the last post a replica took)."),
          null);
    }
  }

  @Override
  public long pending() {
    return (mail == null ? 0 : mail.pending()) + alerts.unposted();
  }

  private ActiveAlerts.Outcome send(ActiveAlerts.Post post) {
    changed = false;
    if (!post.invalid().isEmpty()) {
      report(
          "Alerts that Alertmanager would refuse, not posted (please report this): "
              + post.invalid());
    }
    if (post.alerts().isEmpty()) {
      alerts.posted(post, ActiveAlerts.Outcome.REFUSED, clock.instant()); // until the refresh
      return ActiveAlerts.Outcome.REFUSED;
    }
    List<ReplicaAnswer> answers = client.post(post.json());
    List<ReplicaAnswer> accepted = new ArrayList<>();
    List<ReplicaAnswer> refused = new ArrayList<>();
    List<ReplicaAnswer> failed = new ArrayList<>();
    for (ReplicaAnswer answer : answers) {
      (answer.accepted() ? accepted : answer.refused() ? refused : failed).add(answer);
    }
    Instant now = clock.instant();
    String what = DigestMailer.plural(post.alerts().size(), "alert");
    if (!accepted.isEmpty()) {
      boolean everyReplica = failed.isEmpty() && refused.isEmpty();
      alerts.posted(post, ActiveAlerts.Outcome.ACCEPTED, everyReplica, now);
      if (failing) {
        status.info("Alertmanager takes alerts again: " + names(accepted));
      }
      failing = false;
      if (!everyReplica) {
        report(
            "Posted "
                + what
                + " to "
                + names(accepted)
                + ", but not to every replica (each must have them: they share no alerts);"
                + " posting again soon: "
                + join(failed, refused));
      } else {
        status.info("Posted " + what + " to " + names(accepted));
      }
      return ActiveAlerts.Outcome.ACCEPTED;
    }
    if (!refused.isEmpty()) {
      alerts.posted(post, ActiveAlerts.Outcome.REFUSED, now);
      report(
          "Alertmanager refused "
              + what
              + " as malformed, not retried (please report this): "
              + join(refused, failed));
      return ActiveAlerts.Outcome.REFUSED;
    }
    Duration delay = alerts.posted(post, ActiveAlerts.Outcome.FAILED, now);
    failing = true;
    report(
        "Could not post "
            + what
            + " to Alertmanager: "
            + join(failed, refused)
            + "; counting on, retrying in "
            + (delay.toMillis() < 1_000 ? delay.toMillis() + " ms" : delay.toSeconds() + " s")
            + (mail == null ? "" : "; a new problem no replica takes in time is mailed"));
    return ActiveAlerts.Outcome.FAILED;
  }

  private void report(String message) {
    long skipped = failureReports.admit();
    if (skipped >= 0) {
      status.error(
          message + (skipped > 0 ? " [" + skipped + " similar reports suppressed]" : ""), null);
    }
  }

  private static String names(List<ReplicaAnswer> answers) {
    return ShortList.of(answers.stream().map(a -> a.url().toString()).toList());
  }

  private static String join(List<ReplicaAnswer> first, List<ReplicaAnswer> second) {
    List<String> all = new ArrayList<>();
    first.forEach(a -> all.add(a.toString()));
    second.forEach(a -> all.add(a.toString()));
    return String.join("; ", all);
  }
}

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
    ActiveAlerts.Post post = alerts.due(now);
    if (post != null) {
      send(post);
    }
    for (ActiveAlerts.Fallback fallback : alerts.fallbacks(clock.instant())) {
      if (mail == null) {
        continue;
      }
      mail.accept(fallback.sample(), fallback.fingerprint(), now);
      if (fallback.count() > 1) {
        mail.counted(fallback.fingerprint(), fallback.count() - 1, fallback.lastSeen(), now);
      }
    }
    if (mail != null) {
      mail.work(clock.instant());
    }
  }

  @Override
  public boolean flush(Instant now) {
    boolean sent = false;
    if (changed) {
      ActiveAlerts.Post post = alerts.last(now);
      if (post != null) {
        send(post);
        sent = true;
      }
      changed = false;
    }
    return (mail != null && mail.flush(now)) || sent;
  }

  @Override
  public void finish(Instant now, BooleanSupplier abandoned) {
    // the final counts, firing: an instance that restarts in a loop must not make problems flap
    ActiveAlerts.Post post = alerts.last(now);
    if (post != null && !abandoned.getAsBoolean()) {
      send(post);
    }
    if (mail != null) {
      mail.finish(clock.instant(), abandoned);
    }
    client.close();
  }

  @Override
  public long pending() {
    return (mail == null ? 0 : mail.pending()) + (failing ? alerts.events() : 0);
  }

  private void send(ActiveAlerts.Post post) {
    changed = false;
    if (!post.invalid().isEmpty()) {
      report(
          "Alerts that Alertmanager would refuse, not posted (please report this): "
              + post.invalid());
    }
    if (post.alerts().isEmpty()) {
      alerts.posted(post, ActiveAlerts.Outcome.REFUSED, clock.instant()); // until the refresh
      return;
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
      alerts.posted(post, ActiveAlerts.Outcome.ACCEPTED, now);
      if (failing) {
        status.info("Alertmanager takes alerts again: " + names(accepted));
      }
      failing = false;
      if (!failed.isEmpty() || !refused.isEmpty()) {
        report(
            "Posted "
                + what
                + " to "
                + names(accepted)
                + ", but not to every replica (each must have them: they share no alerts): "
                + join(failed, refused));
      } else {
        status.info("Posted " + what + " to " + names(accepted));
      }
    } else if (!refused.isEmpty()) {
      alerts.posted(post, ActiveAlerts.Outcome.REFUSED, now);
      report(
          "Alertmanager refused "
              + what
              + " as malformed, not retried (please report this): "
              + join(refused, failed));
    } else {
      Duration delay = alerts.posted(post, ActiveAlerts.Outcome.FAILED, now);
      failing = true;
      report(
          "Could not post "
              + what
              + " to Alertmanager: "
              + join(failed, refused)
              + "; counting on, retrying in "
              + delay.toSeconds()
              + " s"
              + (mail == null ? "" : "; a new problem no replica takes in time is mailed"));
    }
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

package dev.alertmail.delivery;

import dev.alertmail.alert.Backoff;
import dev.alertmail.alert.Digest;
import dev.alertmail.mail.AlertMailComposer;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailMessage;
import dev.alertmail.mail.MimeRenderer;
import dev.alertmail.mail.Origin;
import dev.alertmail.smtp.DeliveryReport;
import dev.alertmail.smtp.Envelope;
import dev.alertmail.smtp.HostPort;
import dev.alertmail.smtp.MxResolver;
import dev.alertmail.smtp.RecipientRejection;
import dev.alertmail.smtp.RouteFailure;
import dev.alertmail.smtp.SmtpException;
import dev.alertmail.smtp.SmtpSettings;
import dev.alertmail.smtp.SmtpTransport;
import dev.alertmail.smtp.Transcript;
import dev.alertmail.smtp.TransportReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Turns one digest into one mail and hands it to the SMTP client, reporting the outcome. */
final class DigestMailer {

  // replaced per relay or exchanger by the transport; validated here once
  private static final String MX_PLACEHOLDER_HOST = "mx";

  private final AlertMailComposer composer;
  private final SmtpTransport transport;
  private final StatusSink status;
  private final ReportThrottle failureReports;

  DigestMailer(SenderConfig config, LocalHost host, StatusSink status, ReportThrottle throttle) {
    this.composer =
        new AlertMailComposer(
            config.from(),
            config.to(),
            config.cc(),
            config.bcc(),
            config.format(),
            new Origin(
                config.application(), host.displayName(), config.zone(), config.appPackages()),
            config.threading(),
            config.listId());
    String ehlo = config.localhost() != null ? config.localhost() : host.ehloName();
    HostPort first =
        config.relays().isEmpty()
            ? new HostPort(MX_PLACEHOLDER_HOST, config.smtpPort())
            : config.relays().get(0);
    SmtpSettings settings =
        new SmtpSettings(
            first.host(),
            first.port(),
            config.tls(),
            config.username(),
            config.password(),
            config.authMechanism(),
            ehlo,
            config.connectTimeout(),
            config.readTimeout(),
            config.sslContext(),
            config.tokens());
    Transcript transcript =
        config.transcript() ? line -> status.info("SMTP " + line) : Transcript.NONE;
    this.transport =
        config.relays().isEmpty()
            ? SmtpTransport.viaMx(
                new MxResolver(config.dnsServer(), config.connectTimeout(), new SplittableRandom()),
                config.smtpPort(),
                settings,
                transcript)
            : SmtpTransport.viaRelays(config.relays(), settings, transcript);
    this.status = status;
    this.failureReports = throttle;
  }

  /**
   * What became of a digest: whether flood control should count it as delivered, retry it or give
   * it up, and, when it was delivered to some recipients while others were refused for now, the
   * copy to retry for those alone.
   */
  record Delivery(DeliveryOutcome outcome, RecipientRetry retry) {}

  /** Sends the digest as one mail and says whether it may be retried. */
  Delivery deliver(Digest digest, Instant now, RandomGenerator random) {
    MailMessage message;
    byte[] bytes;
    TransportReport report;
    try {
      message = composer.compose(digest, Instant.now());
      bytes = MimeRenderer.render(message);
      List<String> recipients =
          message.recipients().stream().map(MailAddress::toString).distinct().toList();
      report = transport.send(new Envelope(message.from().toString(), recipients), bytes);
    } catch (RuntimeException e) {
      // a bug must cost this mail, never the sender thread
      status.error("Could not send alert mail: " + e, e);
      return new Delivery(DeliveryOutcome.PERMANENT_FAILURE, null);
    }
    Waiting waiting = reportSessions(message.subject(), report, 0);
    boolean nothingDelivered = report.delivered().isEmpty();
    if (nothingDelivered) {
      for (RouteFailure failure : report.failed()) {
        reportFailure(message.subject(), failure);
      }
      return new Delivery(
          report.hasTransientFailure()
              ? DeliveryOutcome.TRANSIENT_FAILURE
              : DeliveryOutcome.PERMANENT_FAILURE,
          null);
    }
    reportPermanentRouteFailures(message.subject(), report);
    if (waiting.recipients().isEmpty()) {
      return new Delivery(DeliveryOutcome.DELIVERED, null);
    }
    var retry =
        new RecipientRetry(
            message.subject(),
            message.from().toString(),
            bytes,
            waiting.recipients(),
            waiting.reason(),
            now,
            new Backoff(random));
    status.warn(
        "Alert mail \""
            + message.subject()
            + "\" is waiting for a retry in "
            + retry.untilDue(now).toSeconds()
            + " s for "
            + String.join(", ", waiting.recipients())
            + " ("
            + waiting.reason()
            + "); the others have it.");
    return new Delivery(DeliveryOutcome.DELIVERED, retry);
  }

  /**
   * Sends a delivered mail again to the recipients still waiting for it.
   *
   * @return whether it is settled: delivered to all of them, refused for good, or given up
   */
  boolean retry(RecipientRetry retry, Instant now) {
    TransportReport report;
    try {
      report = transport.send(new Envelope(retry.sender(), retry.waiting()), retry.message());
    } catch (RuntimeException e) {
      status.error("Could not send alert mail: " + e, e);
      return true;
    }
    Waiting waiting = reportSessions(retry.subject(), report, retry.retries() + 1);
    reportPermanentRouteFailures(retry.subject(), report);
    if (waiting.recipients().isEmpty()) {
      return true;
    }
    if (retry.stillWaiting(waiting.recipients(), waiting.reason(), now)) {
      return false;
    }
    status.error(
        "Alert mail \""
            + retry.subject()
            + "\" not delivered to "
            + String.join(", ", waiting.recipients())
            + ": still refused for now after "
            + retry.retries()
            + " retries over "
            + retry.age(now).toMinutes()
            + " minutes ("
            + waiting.reason()
            + "); given up.",
        null);
    return true;
  }

  /** At stop(): the recipients whose copy could not be retried any more. */
  void abandon(RecipientRetry retry) {
    status.error(
        "Alert mail \""
            + retry.subject()
            + "\" not delivered to "
            + String.join(", ", retry.waiting())
            + ": the appender stopped while a retry was pending ("
            + retry.lastReason()
            + ").",
        null);
  }

  /** Recipients refused for now, and the first reason given. */
  private record Waiting(List<String> recipients, String reason) {}

  /**
   * Reports each session that delivered (and the recipients it refused for good); returns the
   * recipients refused for now, by a 4xx at RCPT or a route that failed transiently.
   */
  private Waiting reportSessions(String subject, TransportReport report, int attempt) {
    List<String> waiting = new ArrayList<>();
    String reason = null;
    for (DeliveryReport delivered : report.delivered()) {
      for (RecipientRejection rejection : delivered.rejected()) {
        String answer =
            delivered.server()
                + " answered "
                + rejection.reply().code()
                + " "
                + rejection.reply().text();
        if (rejection.reply().isTransientFailure()) {
          waiting.add(rejection.recipient());
          reason = reason != null ? reason : answer;
        } else {
          // the alert is lost for this recipient: an error, so it reaches stderr by default
          status.error(
              "Alert mail \""
                  + subject
                  + "\" refused for good for "
                  + rejection.recipient()
                  + ": "
                  + answer,
              null);
        }
      }
      status.info(
          "Sent alert mail \""
              + subject
              + "\" to "
              + String.join(", ", delivered.accepted())
              + " via "
              + delivered.server()
              + (attempt > 0 ? " (retry " + attempt + ")" : ""));
    }
    for (RouteFailure failure : report.failed()) {
      if (failure.cause().isTransient()) {
        waiting.addAll(failure.recipients());
        reason = reason != null ? reason : failure.cause().getMessage();
      }
    }
    return new Waiting(waiting, reason);
  }

  /** Routes that failed for good: those recipients are lost. */
  private void reportPermanentRouteFailures(String subject, TransportReport report) {
    for (RouteFailure failure : report.failed()) {
      if (!failure.cause().isTransient()) {
        reportFailure(subject, failure);
      }
    }
  }

  private void reportFailure(String subject, RouteFailure failure) {
    long skipped = failureReports.admit();
    if (skipped < 0) {
      return;
    }
    SmtpException cause = failure.cause();
    status.error(
        "Could not send alert mail \""
            + subject
            + "\" to "
            + String.join(", ", failure.recipients())
            + ": "
            + cause.getMessage()
            + (cause.isTransient() ? "" : " [permanent]")
            + (skipped > 0 ? " [" + plural(skipped, "similar report") + " suppressed]" : ""),
        cause);
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}

package dev.alertmail.delivery;

import dev.alertmail.alert.Backoff;
import dev.alertmail.alert.Digest;
import dev.alertmail.mail.AlertMailComposer;
import dev.alertmail.mail.FittedMail;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailMessage;
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
import dev.alertmail.text.ShortList;
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
  private final long maxMailSize;
  private final dev.alertmail.mail.DkimSigner dkim;

  DigestMailer(SenderConfig config, LocalHost host, StatusSink status, ReportThrottle throttle) {
    AlertMailComposer mails =
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
    // with Alertmanager, a mail stands in for its notification: the subject says why it came
    this.composer =
        config.alertmanager() == null
            ? mails
            : mails.withSubjectNote(" (Alertmanager unreachable)");
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
    this.maxMailSize = config.maxMailSize();
    this.dkim = config.dkim();
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
      FittedMail mail =
          FittedMail.fit(composer, digest, Instant.now(), maxMailSize, "maxMailSize", dkim);
      message = mail.message();
      bytes = mail.bytes();
      List<String> recipients =
          message.recipients().stream().map(MailAddress::toString).distinct().toList();
      report = transport.send(new Envelope(message.from().toString(), recipients), bytes);
      Refit refit = refitForSmallerServers(digest, message, bytes, report);
      report = refit.report();
      // a retry must fit every server it may meet: the smallest copy sent so far
      bytes = refit.smallest();
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
            + ShortList.of(waiting.recipients())
            + " ("
            + waiting.reason()
            + "); the others have it.");
    return new Delivery(DeliveryOutcome.DELIVERED, retry);
  }

  /** The report after refitting, and the smallest copy of the mail that was sent. */
  private record Refit(TransportReport report, byte[] smallest) {}

  /**
   * A server whose size limit is below {@code maxMailSize} refused the mail for its size: the mail
   * is made again within that limit and sent to the recipients behind that server, so a mail is
   * never lost for its size. Each smaller server gets its own fit, at most a few rounds.
   */
  private Refit refitForSmallerServers(
      Digest digest, MailMessage message, byte[] sent, TransportReport report) {
    for (int round = 0; round < 3; round++) {
      long limit = 0;
      List<String> recipients = new ArrayList<>();
      List<RouteFailure> kept = new ArrayList<>();
      for (RouteFailure failure : report.failed()) {
        long size = failure.cause().sizeLimit();
        if (size > 0 && size < sent.length) {
          limit = limit == 0 ? size : Math.min(limit, size);
          recipients.addAll(failure.recipients());
        } else {
          kept.add(failure);
        }
      }
      if (recipients.isEmpty()) {
        break;
      }
      FittedMail smaller =
          FittedMail.fit(composer, digest, Instant.now(), limit, "the server's size limit", dkim);
      status.info(
          "Alert mail \""
              + message.subject()
              + "\" exceeds a server's size limit of "
              + limit
              + " bytes; sending it shortened to "
              + smaller.bytes().length
              + " bytes to "
              + ShortList.of(recipients));
      TransportReport again =
          transport.send(new Envelope(message.from().toString(), recipients), smaller.bytes());
      List<DeliveryReport> delivered = new ArrayList<>(report.delivered());
      delivered.addAll(again.delivered());
      kept.addAll(again.failed());
      report = new TransportReport(delivered, kept);
      sent = smaller.bytes();
    }
    return new Refit(report, sent);
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
            + ShortList.of(waiting.recipients())
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
            + ShortList.of(retry.waiting())
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
        String answer = delivered.server() + " answered " + rejection.reply();
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
              + ShortList.of(delivered.accepted())
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
            + ShortList.of(failure.recipients())
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

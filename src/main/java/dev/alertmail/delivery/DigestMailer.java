package dev.alertmail.delivery;

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
import java.util.List;
import java.util.SplittableRandom;

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
            new Origin(config.application(), host.displayName(), config.zone()));
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
            config.sslContext());
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

  /** Sends the digest as one mail and says whether it may be retried. */
  DeliveryOutcome deliver(Digest digest) {
    MailMessage message;
    TransportReport report;
    try {
      message = composer.compose(digest, Instant.now());
      byte[] bytes = MimeRenderer.render(message);
      List<String> recipients =
          message.recipients().stream().map(MailAddress::toString).distinct().toList();
      report = transport.send(new Envelope(message.from().toString(), recipients), bytes);
    } catch (RuntimeException e) {
      // a bug must cost this mail, never the sender thread
      status.error("Could not send alert mail: " + e, e);
      return DeliveryOutcome.PERMANENT_FAILURE;
    }
    for (DeliveryReport delivered : report.delivered()) {
      reportRejections(delivered);
      status.info(
          "Sent alert mail \""
              + message.subject()
              + "\" to "
              + String.join(", ", delivered.accepted())
              + " via "
              + delivered.server());
    }
    boolean nothingDelivered = report.delivered().isEmpty();
    for (RouteFailure failure : report.failed()) {
      reportFailure(message, digest, failure, nothingDelivered);
    }
    if (!nothingDelivered) {
      return DeliveryOutcome.DELIVERED;
    }
    return report.hasTransientFailure()
        ? DeliveryOutcome.TRANSIENT_FAILURE
        : DeliveryOutcome.PERMANENT_FAILURE;
  }

  private void reportRejections(DeliveryReport report) {
    for (RecipientRejection rejection : report.rejected()) {
      status.warn(
          "Alert mail not delivered to "
              + rejection.recipient()
              + ": "
              + report.server()
              + " answered "
              + rejection.reply().code()
              + " "
              + rejection.reply().text());
    }
  }

  private void reportFailure(
      MailMessage message, Digest digest, RouteFailure failure, boolean nothingDelivered) {
    long skipped = failureReports.admit();
    if (skipped < 0) {
      return;
    }
    SmtpException cause = failure.cause();
    status.error(
        "Could not send alert mail \""
            + message.subject()
            + "\" to "
            + String.join(", ", failure.recipients())
            + (nothingDelivered
                ? ""
                : " (delivered to the others; these recipients are not retried)")
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

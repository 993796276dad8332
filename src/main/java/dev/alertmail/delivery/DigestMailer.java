package dev.alertmail.delivery;

import dev.alertmail.alert.Digest;
import dev.alertmail.mail.AlertMailComposer;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailMessage;
import dev.alertmail.mail.MimeRenderer;
import dev.alertmail.mail.Origin;
import dev.alertmail.smtp.DeliveryReport;
import dev.alertmail.smtp.Envelope;
import dev.alertmail.smtp.RecipientRejection;
import dev.alertmail.smtp.SmtpClient;
import dev.alertmail.smtp.SmtpException;
import dev.alertmail.smtp.SmtpSettings;
import dev.alertmail.smtp.Transcript;
import java.time.Instant;
import java.util.List;

/** Turns one digest into one mail and hands it to the SMTP client, reporting the outcome. */
final class DigestMailer {

  private final AlertMailComposer composer;
  private final SmtpClient client;
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
    SmtpSettings settings =
        new SmtpSettings(
            config.relays().get(0).host(),
            config.relays().get(0).port(),
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
    this.client = new SmtpClient(settings, transcript);
    this.status = status;
    this.failureReports = throttle;
  }

  /** Sends the digest as one mail and says whether it may be retried. */
  DeliveryOutcome deliver(Digest digest) {
    MailMessage message = composer.compose(digest, Instant.now());
    byte[] bytes = MimeRenderer.render(message);
    List<String> recipients =
        message.recipients().stream().map(MailAddress::toString).distinct().toList();
    try {
      DeliveryReport report =
          client.send(new Envelope(message.from().toString(), recipients), bytes);
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
      status.info(
          "Sent alert mail \""
              + message.subject()
              + "\" to "
              + String.join(", ", report.accepted())
              + " via "
              + report.server());
      return DeliveryOutcome.DELIVERED;
    } catch (SmtpException e) {
      long skipped = failureReports.admit();
      if (skipped >= 0) {
        status.error(
            "Could not send alert mail \""
                + message.subject()
                + "\" ("
                + plural(digest.triggeringEvents(), "triggering event")
                + " not delivered): "
                + e.getMessage()
                + (skipped > 0 ? " [" + plural(skipped, "similar report") + " suppressed]" : ""),
            e);
      }
      return e.isTransient()
          ? DeliveryOutcome.TRANSIENT_FAILURE
          : DeliveryOutcome.PERMANENT_FAILURE;
    } catch (RuntimeException e) {
      // a bug must cost this mail, never the sender thread
      status.error("Could not send alert mail \"" + message.subject() + "\": " + e, e);
      return DeliveryOutcome.PERMANENT_FAILURE;
    }
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}

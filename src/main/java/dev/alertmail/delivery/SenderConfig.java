package dev.alertmail.delivery;

import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailFormat;
import dev.alertmail.smtp.AuthMechanism;
import dev.alertmail.smtp.TlsMode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything the sender needs, validated by the appender before it is built.
 *
 * @param name the appender's name, used in the sender thread's name and in reports
 * @param application the application's name shown in mail (the Logback context name)
 * @param zone the zone timestamps are shown in
 * @param from the sender address
 * @param to primary recipients
 * @param cc copy recipients
 * @param bcc blind copy recipients: delivered to, never shown in a header
 * @param format the mail's body format
 * @param smtpHost the relay host
 * @param smtpPort the relay port
 * @param tls how the connection is protected
 * @param username the AUTH user, or null for no AUTH
 * @param password the AUTH password, or null
 * @param authMechanism the forced AUTH mechanism, or null for the best the server offers
 * @param localhost the EHLO name, or null to use this machine's name
 * @param connectTimeout bound on connecting
 * @param readTimeout bound on each read from the server
 * @param queueSize capacity of the hand-off from application threads to the sender
 * @param transcript whether the SMTP dialogue is reported as status, credentials masked
 */
public record SenderConfig(
    String name,
    String application,
    ZoneId zone,
    MailAddress from,
    List<MailAddress> to,
    List<MailAddress> cc,
    List<MailAddress> bcc,
    MailFormat format,
    String smtpHost,
    int smtpPort,
    TlsMode tls,
    String username,
    String password,
    AuthMechanism authMechanism,
    String localhost,
    Duration connectTimeout,
    Duration readTimeout,
    int queueSize,
    boolean transcript) {

  /** Checks the required fields and copies the lists. */
  public SenderConfig {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(tls, "tls");
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "SenderConfig[name="
        + name
        + ", smtpHost="
        + smtpHost
        + ", smtpPort="
        + smtpPort
        + ", tls="
        + tls
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : "****")
        + "]";
  }
}

package dev.alertmail.delivery;

import dev.alertmail.alert.FloodPolicy;
import dev.alertmail.alertmanager.AlertmanagerConfig;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailFormat;
import dev.alertmail.oauth.TokenCache;
import dev.alertmail.smtp.AuthMechanism;
import dev.alertmail.smtp.HostPort;
import dev.alertmail.smtp.TlsMode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything the sender needs, validated by the appender before it is built.
 *
 * @param name the appender's name, used in the sender thread's name and in reports
 * @param application the application's name shown in mail (the Logback context name)
 * @param zone the zone timestamps are shown in
 * @param from the sender address; null only with {@code alertmanager} and no mail fallback
 * @param to primary recipients
 * @param cc copy recipients
 * @param bcc blind copy recipients: delivered to, never shown in a header
 * @param format the mail's body format
 * @param relays the relays to try in order; empty for MX routing to each recipient domain
 * @param smtpPort the port of MX hosts (relays carry their own)
 * @param dnsServer the DNS server for MX routing, or null for the system resolver
 * @param sslContext the TLS context with the configured trust store, or null for the JVM's
 * @param tls how the connection is protected
 * @param username the AUTH user, or null for no AUTH
 * @param password the AUTH password, or null
 * @param authMechanism the forced AUTH mechanism, or null for the best the server offers
 * @param localhost the EHLO name, or null to use this machine's name
 * @param connectTimeout bound on connecting
 * @param readTimeout bound on each read from the server
 * @param queueSize capacity of the hand-off from application threads to the sender
 * @param transcript whether the SMTP dialogue is reported as status, credentials masked
 * @param flood how alerts are grouped, deduplicated and rate-limited into mails
 * @param tokens where XOAUTH2 access tokens come from, or null
 * @param threading whether mails about one problem share a conversation (threading headers)
 * @param listId the {@code List-Id}, or null for one derived from the application
 * @param appPackages package prefixes of the application's own code; empty when not known: every
 *     frame outside well-known frameworks is then the application's
 * @param maxMailSize the most bytes one mail may have; a larger one is shortened to fit
 * @param alertmanager the fleet's Alertmanager, or null to mail directly; with it, mail (when
 *     {@code from} and recipients are set) is the fallback
 * @param dkim signs every mail (DKIM), or null for unsigned mail
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
    List<HostPort> relays,
    int smtpPort,
    HostPort dnsServer,
    SSLContext sslContext,
    TlsMode tls,
    String username,
    String password,
    AuthMechanism authMechanism,
    String localhost,
    Duration connectTimeout,
    Duration readTimeout,
    int queueSize,
    boolean transcript,
    FloodPolicy flood,
    TokenCache tokens,
    boolean threading,
    String listId,
    List<String> appPackages,
    long maxMailSize,
    AlertmanagerConfig alertmanager,
    dev.alertmail.mail.DkimSigner dkim) {

  /** Checks the required fields and copies the lists. */
  public SenderConfig {
    if (alertmanager == null) {
      Objects.requireNonNull(from, "from");
    }
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(flood, "flood");
    relays = List.copyOf(relays);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
    appPackages = appPackages == null ? List.of() : List.copyOf(appPackages);
    if (maxMailSize < 1) {
      throw new IllegalArgumentException("maxMailSize must be positive: " + maxMailSize);
    }
  }

  /** {@return whether alerts are mailed: always without Alertmanager, as its fallback with it} */
  public boolean mailsDirectly() {
    return from != null && !(to.isEmpty() && cc.isEmpty() && bcc.isEmpty());
  }

  /** {@return where alerts go, for reports: the relays, "MX routing", or Alertmanager} */
  public String route() {
    if (alertmanager != null) {
      return "Alertmanager "
          + String.join(", ", alertmanager.urls().stream().map(Object::toString).toList());
    }
    return relays.isEmpty()
        ? "MX routing"
        : String.join(", ", relays.stream().map(HostPort::toString).toList());
  }

  /** {@return what the appender does with alerts, in a sentence for its start-up status} */
  public String describe() {
    String mail =
        !mailsDirectly()
            ? ""
            : "mails alerts from "
                + from
                + " via "
                + (relays.isEmpty()
                    ? "MX routing to each recipient domain (port " + smtpPort + ")"
                    : String.join(", ", relays.stream().map(HostPort::toString).toList()))
                + ", tls "
                + tls;
    if (alertmanager == null) {
      return mail;
    }
    return "posts alerts to "
        + route()
        + (mail.isEmpty()
            ? " (no mail fallback: no <from> and <to>)"
            : "; when no replica takes a new problem within "
                + alertmanager.fallbackAfter().toSeconds()
                + " s, it "
                + mail);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "SenderConfig[name="
        + name
        + ", route="
        + route()
        + ", tls="
        + tls
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : "****")
        + "]";
  }
}

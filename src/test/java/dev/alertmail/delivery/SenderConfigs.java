package dev.alertmail.delivery;

import dev.alertmail.alert.FloodPolicy;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailFormat;
import dev.alertmail.smtp.HostPort;
import dev.alertmail.smtp.TlsMode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** A sender's configuration for tests: one plain relay on loopback, mail at once. */
final class SenderConfigs {

  private SenderConfigs() {}

  static SenderConfig plain(int port, String... recipients) {
    return plain(List.of(new HostPort("127.0.0.1", port)), recipients);
  }

  /** As {@link #plain(int, String...)}, through the given relays in order. */
  static SenderConfig plain(List<HostPort> relays, String... recipients) {
    return new SenderConfig(
        "ALERT",
        "shop",
        ZoneOffset.UTC,
        MailAddress.parse("alerts@example.com"),
        Arrays.stream(recipients).map(MailAddress::parse).toList(),
        List.of(),
        List.of(),
        MailFormat.TEXT,
        relays,
        relays.get(0).port(),
        null,
        null,
        TlsMode.NONE,
        null,
        null,
        null,
        "client.test",
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        64,
        false,
        new FloodPolicy(Duration.ZERO, 12, Duration.ofHours(1), Duration.ofHours(1)),
        null,
        true,
        null,
        List.of(),
        256L << 10,
        null,
        null);
  }

  /** The configuration, with every mail signed by the signer. */
  static SenderConfig signed(SenderConfig mail, dev.alertmail.mail.DkimSigner signer) {
    return with(mail, mail.from(), mail.to(), mail.alertmanager(), signer);
  }

  /**
   * A fleet's configuration: every alert to the given replicas, refreshed every minute, resolved
   * after five quiet minutes, mailed to a plain relay on {@code smtpPort} (none when 0) when no
   * replica takes a new problem within two minutes.
   */
  static SenderConfig alertmanager(int smtpPort, java.net.URI... replicas) {
    SenderConfig mail = plain(smtpPort == 0 ? 25 : smtpPort, "ops@example.com");
    var fleet =
        new dev.alertmail.alertmanager.AlertmanagerConfig(
            List.of(replicas),
            java.util.Map.of("env", "prod"),
            Duration.ofSeconds(60),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            null,
            null,
            null,
            null,
            null,
            Duration.ofSeconds(2));
    return with(
        mail,
        smtpPort == 0 ? null : mail.from(),
        smtpPort == 0 ? List.of() : mail.to(),
        fleet,
        mail.dkim());
  }

  private static SenderConfig with(
      SenderConfig mail,
      dev.alertmail.mail.MailAddress from,
      List<dev.alertmail.mail.MailAddress> to,
      dev.alertmail.alertmanager.AlertmanagerConfig fleet,
      dev.alertmail.mail.DkimSigner dkim) {
    return new SenderConfig(
        mail.name(),
        mail.application(),
        mail.zone(),
        from,
        to,
        mail.cc(),
        mail.bcc(),
        mail.format(),
        mail.relays(),
        mail.smtpPort(),
        mail.dnsServer(),
        mail.sslContext(),
        mail.tls(),
        mail.username(),
        mail.password(),
        mail.authMechanism(),
        mail.localhost(),
        mail.connectTimeout(),
        mail.readTimeout(),
        mail.queueSize(),
        mail.transcript(),
        mail.flood(),
        mail.tokens(),
        mail.threading(),
        mail.listId(),
        mail.appPackages(),
        mail.maxMailSize(),
        fleet,
        dkim);
  }
}

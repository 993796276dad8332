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
    return new SenderConfig(
        "ALERT",
        "shop",
        ZoneOffset.UTC,
        MailAddress.parse("alerts@example.com"),
        Arrays.stream(recipients).map(MailAddress::parse).toList(),
        List.of(),
        List.of(),
        MailFormat.TEXT,
        List.of(new HostPort("127.0.0.1", port)),
        port,
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
        256L << 10);
  }
}

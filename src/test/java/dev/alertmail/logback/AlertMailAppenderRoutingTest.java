package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.status.Status;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.smtp.TestDnsServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each routing mode and each TLS mode, configured the way the README shows them. */
class AlertMailAppenderRoutingTest {

  private static final String TRUST_STORE =
      Path.of("src/test/resources/tls/server.p12").toAbsolutePath().toString();

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  private static LogbackFixture configure(String elements, Map<String, String> properties) {
    return LogbackFixture.configure(
        """
        <configuration>
          <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
            <from>alerts@example.com</from>
            %s
          </appender>
          <root level="INFO"><appender-ref ref="ALERT"/></root>
        </configuration>
        """
            .formatted(elements),
        properties);
  }

  /** Waits for the appender's report; stop() drains, so the outcome is known afterwards. */
  private static void logAndStop(LogbackFixture logback) {
    logback.context.getLogger("app").error("disk full");
    logback.appender("ALERT").stop();
  }

  @Test
  void withoutSmtpHostMailGoesToTheRecipientDomainsExchanger() throws Exception {
    int port = freePort();
    GreenMail exchanger = new GreenMail(new ServerSetup(port, "127.0.0.2", "smtp"));
    exchanger.start();
    try (TestDnsServer dns = TestDnsServer.start();
        LogbackFixture logback =
            configure(
                """
                <to>ops@shop.test</to>
                <smtpPort>${PORT}</smtpPort>
                <dnsServer>${DNS}</dnsServer>
                """,
                Map.of("PORT", String.valueOf(port), "DNS", dns.address().toString()))) {
      dns.mx("shop.test", 10, "mx1.shop.test").address("mx1.shop.test", "127.0.0.2");
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());

      logAndStop(logback);

      assertEquals(1, exchanger.getReceivedMessages().length, logback.statusText());
      assertEquals("[shop] ERROR app: disk full", exchanger.getReceivedMessages()[0].getSubject());
      assertTrue(logback.statusText().contains("via mx1.shop.test:" + port), logback.statusText());
    } finally {
      exchanger.stop();
    }
  }

  @Test
  void aDnsServerThatRefusesAaaaStillDeliversOverIpv4() throws Exception {
    int port = freePort();
    GreenMail exchanger = new GreenMail(new ServerSetup(port, "127.0.0.2", "smtp"));
    exchanger.start();
    try (TestDnsServer dns = TestDnsServer.start();
        LogbackFixture logback =
            configure(
                """
                <to>ops@shop.test</to>
                <smtpPort>${PORT}</smtpPort>
                <dnsServer>${DNS}</dnsServer>
                <connectTimeout>1 second</connectTimeout>
                """,
                Map.of("PORT", String.valueOf(port), "DNS", dns.address().toString()))) {
      // dnsmasq without an upstream answers REFUSED for AAAA; it must not hide the A record
      dns.mx("shop.test", 10, "mx2.shop.test")
          .address("mx2.shop.test", "127.0.0.2")
          .fail("AAAA", "REFUSED");

      logAndStop(logback);

      assertEquals(1, exchanger.getReceivedMessages().length, logback.statusText());
    } finally {
      exchanger.stop();
    }
  }

  @Test
  void aRelayListFailsOverToTheStandby() throws Exception {
    int port = freePort();
    int dead = freePort();
    GreenMail standby = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    standby.start();
    try (LogbackFixture logback =
        configure(
            """
            <to>ops@example.com</to>
            <smtpHost>127.0.0.1:${DEAD}, 127.0.0.1:${PORT}</smtpHost>
            <tls>NONE</tls>
            """,
            Map.of("PORT", String.valueOf(port), "DEAD", String.valueOf(dead)))) {
      logAndStop(logback);

      assertEquals(1, standby.getReceivedMessages().length, logback.statusText());
      assertTrue(logback.statusMessages(Status.ERROR).isEmpty(), logback.statusText());
    } finally {
      standby.stop();
    }
  }

  @Test
  void implicitTlsWithAPrivateTrustStoreAndAuthDelivers() throws Exception {
    GreenMail smtps =
        new GreenMail(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("ops@example.com", "alerts", "s3cret!"));
    smtps.start();
    try (LogbackFixture logback =
        configure(
            """
            <to>ops@example.com</to>
            <smtpHost>localhost</smtpHost>
            <smtpPort>${PORT}</smtpPort>
            <tls>IMPLICIT</tls>
            <trustStore>${TRUST}</trustStore>
            <trustStorePassword>changeit</trustStorePassword>
            <username>alerts</username>
            <password>s3cret!</password>
            """,
            Map.of("PORT", String.valueOf(smtps.getSmtps().getPort()), "TRUST", TRUST_STORE))) {
      logAndStop(logback);

      assertEquals(1, smtps.getReceivedMessages().length, logback.statusText());
      assertFalse(logback.statusText().contains("s3cret!"));
    } finally {
      smtps.stop();
    }
  }

  @Test
  void anUntrustedCertificateIsReportedInWordsAUserCanActOn() throws Exception {
    GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
    smtps.start();
    try (LogbackFixture logback =
        configure(
            """
            <to>ops@example.com</to>
            <smtpHost>localhost</smtpHost>
            <smtpPort>${PORT}</smtpPort>
            <tls>IMPLICIT</tls>
            """,
            Map.of("PORT", String.valueOf(smtps.getSmtps().getPort())))) {
      logAndStop(logback);

      assertEquals(0, smtps.getReceivedMessages().length);
      String errors = String.join("\n", logback.statusMessages(Status.ERROR));
      assertTrue(errors.contains("not trusted"), errors);
      assertTrue(errors.contains("<trustStore>"), errors);
    } finally {
      smtps.stop();
    }
  }

  @Test
  void credentialsAreNotSentToAServerWithoutStartTls() throws Exception {
    GreenMail plain = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    plain.start();
    try (LogbackFixture logback =
        configure(
            """
            <to>ops@example.com</to>
            <smtpHost>127.0.0.1</smtpHost>
            <smtpPort>${PORT}</smtpPort>
            <username>alerts</username>
            <password>s3cret!</password>
            """,
            Map.of("PORT", String.valueOf(plain.getSmtp().getPort())))) {
      logAndStop(logback);

      assertEquals(0, plain.getReceivedMessages().length);
      String errors = String.join("\n", logback.statusMessages(Status.ERROR));
      assertTrue(errors.contains("<tls>"), "the error says what to change: " + errors);
      assertFalse(logback.statusText().contains("s3cret!"));
    } finally {
      plain.stop();
    }
  }
}

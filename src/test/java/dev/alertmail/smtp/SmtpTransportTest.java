package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing as users meet it: MX routing through the JDK's DNS provider to GreenMail servers on
 * loopback addresses that share one port (smtpPort applies to every exchanger), and relay failover.
 */
class SmtpTransportTest {

  private static final byte[] MESSAGE =
      "Subject: routed\r\nFrom: alerts@example.com\r\n\r\nhello\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private int port;
  private GreenMail mx1; // 127.0.0.2
  private GreenMail mx2; // 127.0.0.3
  private TestDnsServer dns;

  @BeforeEach
  void start() throws Exception {
    port = freePort();
    mx1 = new GreenMail(new ServerSetup(port, "127.0.0.2", "smtp"));
    mx2 = new GreenMail(new ServerSetup(port, "127.0.0.3", "smtp"));
    mx1.start();
    mx2.start();
    dns = TestDnsServer.start();
  }

  @AfterEach
  void stop() {
    mx1.stop();
    mx2.stop();
    dns.close();
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  private SmtpTransport mxTransport() {
    var resolver = new MxResolver(dns.address(), Duration.ofSeconds(3), new SplittableRandom(7));
    return SmtpTransport.viaMx(resolver, port, TestSettings.plain(port), Transcript.NONE);
  }

  private static Envelope to(String... recipients) {
    return new Envelope("alerts@example.com", List.of(recipients));
  }

  @Test
  void mailGoesToTheMostPreferredExchanger() throws Exception {
    dns.mx("shop.test", 20, "mx2.shop.test").mx("shop.test", 10, "mx1.shop.test");
    dns.address("mx1.shop.test", "127.0.0.2").address("mx2.shop.test", "127.0.0.3");

    TransportReport report = mxTransport().send(to("ops@shop.test"), MESSAGE);

    assertEquals(List.of(), report.failed());
    assertEquals(1, mx1.getReceivedMessages().length);
    assertEquals(0, mx2.getReceivedMessages().length);
    assertEquals("mx1.shop.test:" + port, report.delivered().get(0).server());
  }

  @Test
  void aDeadFirstExchangerIsSkipped() throws Exception {
    // 127.0.0.4 is loopback too, but nothing listens there: the connection is refused
    dns.mx("shop.test", 10, "dead.shop.test").mx("shop.test", 20, "mx2.shop.test");
    dns.address("dead.shop.test", "127.0.0.4").address("mx2.shop.test", "127.0.0.3");

    TransportReport report = mxTransport().send(to("ops@shop.test"), MESSAGE);

    assertEquals(List.of(), report.failed());
    assertEquals(1, mx2.getReceivedMessages().length);
    assertEquals(List.of("ops@shop.test"), report.delivered().get(0).accepted());
  }

  @Test
  void aDomainWithoutMxReceivesAtItsOwnAddress() throws Exception {
    dns.address("plain.test", "127.0.0.2");

    TransportReport report = mxTransport().send(to("ops@plain.test"), MESSAGE);

    assertEquals(List.of(), report.failed());
    assertEquals(1, mx1.getReceivedMessages().length);
  }

  @Test
  void aNullMxFailsOnlyItsOwnDomain() throws Exception {
    dns.mx("nomail.test", 0, ".");
    dns.mx("shop.test", 10, "mx1.shop.test").address("mx1.shop.test", "127.0.0.2");

    TransportReport report = mxTransport().send(to("a@nomail.test", "ops@shop.test"), MESSAGE);

    assertEquals(1, report.failed().size());
    RouteFailure failure = report.failed().get(0);
    assertEquals("nomail.test", failure.destination());
    assertEquals(List.of("a@nomail.test"), failure.recipients());
    assertFalse(failure.cause().isTransient());
    assertTrue(failure.cause().getMessage().contains("null MX"), failure.cause().getMessage());
    assertEquals(List.of("ops@shop.test"), report.delivered().get(0).accepted());
    assertEquals(1, mx1.getReceivedMessages().length);
  }

  @Test
  void twoDomainsGetOneSessionEachWithOnlyTheirRecipients() throws Exception {
    dns.mx("one.test", 10, "mx.one.test").address("mx.one.test", "127.0.0.2");
    dns.mx("two.test", 10, "mx.two.test").address("mx.two.test", "127.0.0.3");

    TransportReport report =
        mxTransport().send(to("a@one.test", "b@two.test", "c@ONE.test"), MESSAGE);

    assertEquals(List.of(), report.failed());
    assertEquals(2, report.delivered().size());
    assertEquals(List.of("a@one.test", "c@ONE.test"), report.delivered().get(0).accepted());
    assertEquals(List.of("b@two.test"), report.delivered().get(1).accepted());
    assertEquals(2, mx1.getReceivedMessages().length);
    assertEquals(1, mx2.getReceivedMessages().length);
  }

  @Test
  void relaysAreTriedInOrderPastARefusalAndA421() throws Exception {
    int closed = freePort();
    try (ScriptedSmtpServer busy =
        ScriptedSmtpServer.start(peer -> peer.send("421 busy, try later"))) {
      var relays =
          List.of(
              new HostPort("127.0.0.1", closed),
              new HostPort("127.0.0.1", busy.port()),
              new HostPort("127.0.0.2", port));
      TransportReport report =
          SmtpTransport.viaRelays(relays, TestSettings.plain(closed), Transcript.NONE)
              .send(to("ops@shop.test"), MESSAGE);

      assertEquals(List.of(), report.failed());
      assertEquals("127.0.0.2:" + port, report.delivered().get(0).server());
      assertEquals(1, mx1.getReceivedMessages().length);
    }
  }

  @Test
  void a5xxIsFinalAndTheStandbyIsNotAsked() throws Exception {
    try (ScriptedSmtpServer refusing =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 relay.test");
              peer.expect("EHLO client.test").send("250 relay.test");
              peer.expect("MAIL FROM:<alerts@example.com>").send("550 5.7.1 sender not allowed");
              peer.expect("QUIT").send("221 bye");
            })) {
      var relays =
          List.of(new HostPort("127.0.0.1", refusing.port()), new HostPort("127.0.0.2", port));
      TransportReport report =
          SmtpTransport.viaRelays(relays, TestSettings.plain(port), Transcript.NONE)
              .send(to("ops@shop.test"), MESSAGE);

      assertEquals(List.of(), report.delivered());
      SmtpException cause = report.failed().get(0).cause();
      assertFalse(cause.isTransient());
      assertEquals(550, cause.reply().code());
      assertEquals(0, mx1.getReceivedMessages().length);
    }
  }

  @Test
  void whenEveryRelayFailsTheReportNamesEachAndMayBeRetried() throws Exception {
    int closed = freePort();
    try (ScriptedSmtpServer busy =
        ScriptedSmtpServer.start(peer -> peer.send("421 4.3.2 shutting down"))) {
      var relays =
          List.of(new HostPort("127.0.0.1", closed), new HostPort("127.0.0.1", busy.port()));
      TransportReport report =
          SmtpTransport.viaRelays(relays, TestSettings.plain(closed), Transcript.NONE)
              .send(to("ops@shop.test"), MESSAGE);

      assertTrue(report.hasTransientFailure());
      String message = report.failed().get(0).cause().getMessage();
      assertTrue(message.startsWith("2 attempts failed: "), message);
      assertTrue(message.contains("127.0.0.1:" + closed), message);
      assertTrue(message.contains("421 4.3.2 shutting down"), message);
    }
  }

  @Test
  void anExchangersCertificateIsVerifiedAgainstTheMxHostName() throws Exception {
    // the certificate names localhost and 127.0.0.1; the MX record names mx.shop.test
    var serverTls = TlsFixtures.serverContext("server.p12");
    try (ScriptedSmtpServer exchanger =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.shop.test");
              peer.expect("EHLO client.test").send("250-mx.shop.test", "250 STARTTLS");
              peer.expect("STARTTLS").send("220 go ahead");
              peer.startTlsExpectingFailure(serverTls);
            })) {
      dns.mx("shop.test", 10, "mx.shop.test").address("mx.shop.test", "127.0.0.1");
      var settings =
          TestSettings.tls(
              exchanger.port(), TlsMode.STARTTLS, null, null, TlsFixtures.trusting("server.p12"));
      var resolver = new MxResolver(dns.address(), Duration.ofSeconds(3), new SplittableRandom(1));

      TransportReport report =
          SmtpTransport.viaMx(resolver, exchanger.port(), settings, Transcript.NONE)
              .send(to("ops@shop.test"), MESSAGE);

      assertEquals(List.of(), report.delivered());
      String message = report.failed().get(0).cause().getMessage();
      assertTrue(message.contains("does not match the host name mx.shop.test"), message);
    }
  }
}

package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** STARTTLS (RFC 3207) against a scripted server that upgrades its socket. */
class SmtpStartTlsTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "tls-Secret-7";
  private static final byte[] MESSAGE =
      "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

  private final RecordingTranscript transcript = new RecordingTranscript();
  private ScriptedSmtpServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private DeliveryReport send(TlsMode tls, String user, String password, SSLContext trust)
      throws SmtpException {
    var settings = TestSettings.tls(server.port(), tls, user, password, trust);
    return new SmtpClient(settings, transcript).send(SmtpDialogueTest.ENVELOPE, MESSAGE);
  }

  private SmtpException failure(TlsMode tls, SSLContext trust) {
    return assertThrows(SmtpException.class, () -> send(tls, null, null, trust));
  }

  private static String plainResponse() {
    return Base64.getEncoder()
        .encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void upgradesWithStartTlsThenAuthenticatesInsideTls() throws Exception {
    SSLContext serverTls = TlsFixtures.serverContext("server.p12");
    server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.startTls(serverTls);
              peer.expect("EHLO client.test").send("250-mx.test", "250 AUTH PLAIN LOGIN");
              peer.expect("AUTH PLAIN " + plainResponse()).send("235 ok");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(TlsMode.STARTTLS, USER, PASSWORD, TlsFixtures.trusting("server.p12"));
    List<String> lines = transcript.lines();
    int starttls = lines.indexOf("C: STARTTLS");
    assertEquals("C: EHLO client.test", lines.get(starttls + 2), "EHLO again after TLS");
    assertTrue(lines.indexOf("C: AUTH PLAIN <credentials masked>") > starttls);
    assertFalse(transcript.text().contains(PASSWORD));
  }

  @Test
  void opportunisticUsesStartTlsWhenOffered() throws Exception {
    SSLContext serverTls = TlsFixtures.serverContext("server.p12");
    server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.startTls(serverTls);
              peer.expect("EHLO client.test").send("250 mx.test");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(TlsMode.OPPORTUNISTIC, null, null, TlsFixtures.trusting("server.p12"));
  }

  @Test
  void opportunisticSendsPlainWhenStartTlsIsNotOffered() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250 mx.test");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(TlsMode.OPPORTUNISTIC, null, null, null);
    assertFalse(server.received().contains("STARTTLS"));
  }

  @Test
  void forgetsCapabilitiesAnnouncedBeforeTls() throws Exception {
    SSLContext serverTls = TlsFixtures.serverContext("server.p12");
    server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer); // announced AUTH PLAIN in clear text
              peer.startTls(serverTls);
              peer.expect("EHLO client.test").send("250-mx.test", "250 AUTH LOGIN");
              peer.expect("AUTH LOGIN").send("334 VXNlcm5hbWU6");
              peer.expect(base64(USER)).send("334 UGFzc3dvcmQ6");
              peer.expect(base64(PASSWORD)).send("235 ok");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(TlsMode.STARTTLS, USER, PASSWORD, TlsFixtures.trusting("server.p12"));
  }

  @Test
  void failsWhenEhloAfterTlsIsRefused() throws Exception {
    SSLContext serverTls = TlsFixtures.serverContext("server.p12");
    server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.startTls(serverTls);
              peer.expect("EHLO client.test").send("554 not today");
              peer.expect("QUIT").send("221 bye");
            });
    var e =
        assertThrows(
            SmtpException.class,
            () -> send(TlsMode.STARTTLS, USER, PASSWORD, TlsFixtures.trusting("server.p12")));
    assertFalse(e.isTransient());
    assertEquals("EHLO client.test", e.command());
    assertFalse(server.received().contains("AUTH"));
  }

  /**
   * The STARTTLS injection attack (CVE-2011-0411 and kin): a man in the middle appends a reply to
   * the server's 220 in clear text. A client that keeps those buffered bytes would later read them
   * as if they came through TLS. The client must notice them and stop before the handshake.
   */
  @Test
  void refusesBytesInjectedAfterTheStartTlsReply() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250-mx.test", "250 STARTTLS");
              peer.expect("STARTTLS").send("220 ready", "250-injected", "250 AUTH PLAIN");
              peer.awaitClose();
            });
    SmtpException e = failure(TlsMode.STARTTLS, TlsFixtures.trusting("server.p12"));
    assertFalse(e.isTransient());
    assertEquals("STARTTLS", e.command());
    assertTrue(e.getMessage().contains("injection"), e.getMessage());
  }

  @Test
  void requiredStartTlsRefusedByServerIsTransientFor454() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250-mx.test", "250 STARTTLS");
              peer.expect("STARTTLS").send("454 4.7.0 TLS not available");
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.STARTTLS, TlsFixtures.trusting("server.p12"));
    assertTrue(e.isTransient());
    assertEquals("STARTTLS", e.command());
  }

  @Test
  void untrustedCertificateIsExplained() throws Exception {
    SSLContext serverTls = TlsFixtures.serverContext("server.p12");
    server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.startTlsExpectingFailure(serverTls);
            });
    SmtpException e = failure(TlsMode.STARTTLS, null); // the JVM's trust store
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
  }

  @Test
  void hostNameMismatchIsExplained() throws Exception {
    SSLContext serverTls = TlsFixtures.serverContext("wrong-name.p12");
    server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.startTlsExpectingFailure(serverTls);
            });
    SmtpException e = failure(TlsMode.STARTTLS, TlsFixtures.trusting("wrong-name.p12"));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("does not match the host name"), e.getMessage());
  }

  @Test
  void expiredCertificateIsExplained() throws Exception {
    SSLContext serverTls = TlsFixtures.serverContext("expired.p12");
    server =
        ScriptedSmtpServer.start(
            peer -> {
              ScriptedDialogues.offerStartTls(peer);
              peer.startTlsExpectingFailure(serverTls);
            });
    SmtpException e = failure(TlsMode.STARTTLS, TlsFixtures.trusting("ca.p12"));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}

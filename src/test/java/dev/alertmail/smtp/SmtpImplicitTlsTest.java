package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMPLICIT TLS (SMTPS) against GreenMail, which presents our fixture certificate: its bundled one
 * has no subject alternative names, so host name verification would rightly refuse it.
 */
class SmtpImplicitTlsTest {

  private static final String PASSWORD = "smtps-Secret-3";

  // surefire sets greenmail.tls.keystore.file to tls/server.p12 (see pom.xml)

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("ops@example.com", "ops", PASSWORD));

  private final RecordingTranscript transcript = new RecordingTranscript();

  @BeforeAll
  static void greenMailPresentsTheFixtureCertificate() throws Exception {
    KeyStore used =
        ((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore();
    KeyStore fixture = TlsFixtures.load("server.p12");
    boolean same =
        Collections.list(used.aliases()).stream()
            .anyMatch(alias -> sameCertificate(used, alias, fixture));
    assertTrue(
        same,
        "GreenMail's TLS factory was initialised before this test set its keystore properties");
  }

  private static boolean sameCertificate(KeyStore used, String alias, KeyStore fixture) {
    try {
      return used.getCertificate(alias).equals(fixture.getCertificate("server"));
    } catch (java.security.KeyStoreException e) {
      return false;
    }
  }

  private SmtpClient client(String user, String password, javax.net.ssl.SSLContext trust) {
    return new SmtpClient(
        TestSettings.tls(greenMail.getSmtps().getPort(), TlsMode.IMPLICIT, user, password, trust),
        transcript);
  }

  private static byte[] message() {
    return "Subject: over tls\r\n\r\nencrypted all the way\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void deliversOverImplicitTlsWithAuthentication() throws Exception {
    DeliveryReport report =
        client("ops", PASSWORD, TlsFixtures.trusting("server.p12"))
            .send(SmtpDialogueTest.ENVELOPE, message());
    assertEquals(List.of("ops@example.com"), report.accepted());
    assertTrue(greenMail.waitForIncomingEmail(5000, 1));
    assertEquals("over tls", greenMail.getReceivedMessages()[0].getSubject());
    assertTrue(transcript.lines().contains("C: AUTH PLAIN <credentials masked>"));
    assertFalse(transcript.text().contains(PASSWORD));
  }

  @Test
  void refusesTheCertificateWhenTheJvmDoesNotTrustIt() {
    var e =
        assertThrows(
            SmtpException.class,
            () -> client(null, null, null).send(SmtpDialogueTest.ENVELOPE, message()));
    assertFalse(e.isTransient());
    assertEquals("TLS", e.command());
    assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void implicitTlsToAPlainTextServerSaysWhichModeToUse() throws Exception {
    try (ScriptedSmtpServer plain =
        ScriptedSmtpServer.start(peer -> peer.send("220 plain.test ESMTP"))) {
      SmtpClient client =
          new SmtpClient(
              TestSettings.tls(
                  plain.port(), TlsMode.IMPLICIT, null, null, TlsFixtures.trusting("server.p12")),
              transcript);

      SmtpException e =
          assertThrows(
              SmtpException.class, () -> client.send(SmtpDialogueTest.ENVELOPE, message()));

      assertTrue(e.getMessage().contains("does not speak TLS on connect"), e.getMessage());
      assertTrue(e.getMessage().contains("<tls>STARTTLS</tls>"), e.getMessage());
      assertEquals(SmtpException.Reason.CONFIGURATION, e.reason());
    }
  }
}

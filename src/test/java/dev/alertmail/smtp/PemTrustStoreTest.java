package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ops teams hold PEM files (what openssl, curl and Postfix use): a PEM certificate, or a bundle of
 * them, is a trust store as it is, without a password or keytool.
 */
class PemTrustStoreTest {

  @TempDir Path dir;

  private static String pem(String store) throws Exception {
    KeyStore keys = TlsFixtures.load(store);
    var certificate = keys.getCertificate(keys.aliases().nextElement());
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private void deliversThrough(Path trustStore) throws Exception {
    List<String> problems = new ArrayList<>();
    SSLContext trust = TrustStores.context(trustStore.toString(), null, problems);
    assertEquals(List.of(), problems);
    assertNotNull(trust);
    SSLContext serverTls = TlsFixtures.serverContext("server.p12");
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250-mx.test", "250 STARTTLS");
              peer.expect("STARTTLS").send("220 2.0.0 ready for TLS");
              peer.startTls(serverTls);
              peer.expect("EHLO client.test").send("250 mx.test");
              ScriptedDialogues.acceptTransaction(peer);
            })) {
      new SmtpClient(
              TestSettings.tls(server.port(), TlsMode.STARTTLS, null, null, trust),
              new RecordingTranscript())
          .send(
              SmtpDialogueTest.ENVELOPE,
              "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Test
  void aPemCertificateIsATrustStore() throws Exception {
    deliversThrough(Files.writeString(dir.resolve("server.pem"), pem("server.p12")));
  }

  @Test
  void aPemBundleIsATrustStoreWithEveryCertificateInIt() throws Exception {
    String bundle = "# our CAs\n" + pem("wrong-name.p12") + "\n" + pem("server.p12");
    deliversThrough(Files.writeString(dir.resolve("bundle.pem"), bundle));
  }

  @Test
  void aFileThatIsNeitherSaysWhatToWrite() throws Exception {
    Path junk = Files.writeString(dir.resolve("ca.txt"), "not a certificate");
    List<String> problems = new ArrayList<>();
    assertNull(TrustStores.context(junk.toString(), null, problems));
    assertTrue(
        problems.get(0).contains("cannot be read as a PEM certificate, PKCS12 or JKS"),
        problems.toString());
    assertTrue(problems.get(0).contains("as PEM"), problems.toString());
  }
}

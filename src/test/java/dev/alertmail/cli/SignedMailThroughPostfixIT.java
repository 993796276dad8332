package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.mail.DkimKey;
import dev.alertmail.mail.IndependentDkimVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signed mail through a real relay, as a company's mail goes: AlertMail hands it to Postfix, which
 * adds its Received header and relays it to the next hop (GreenMail here), and what arrives there
 * still verifies for an independent verifier (dkimpy). Needs root and Debian's {@code postfix};
 * {@code .ci/run} provides both.
 */
class SignedMailThroughPostfixIT {

  @TempDir static Path dir;
  private static GreenMail nextHop;
  private static PostfixRelay relay;

  @BeforeAll
  static void start() throws Exception {
    PostfixRelay.assumeAvailable();
    IndependentDkimVerifier.assumeAvailable();
    nextHop = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    nextHop.start();
    relay =
        PostfixRelay.start(
            Files.createDirectory(dir.resolve("postfix")), nextHop.getSmtp().getPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (relay != null) {
      relay.close();
    }
    if (nextHop != null) {
      nextHop.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(DkimKey.Algorithm.class)
  void aSignedAlertStillVerifiesAfterPostfixRelayedIt(DkimKey.Algorithm algorithm)
      throws Exception {
    nextHop.purgeEmailFromAllMailboxes();
    DkimKey key = DkimKey.generate(algorithm);
    Path file = Files.writeString(dir.resolve(algorithm + ".pem"), key.pem());
    // dots at line starts (stuffed on the way, twice), a line longer than SMTP allows (Postfix
    // would break it, so AlertMail's quoted-printable must), UTF-8 in the subject and the body
    String body =
        "Zahlung für Bestellung Ä-1042 abgelehnt\n.leading dot\n..two dots\n.\n"
            + "x".repeat(1_500)
            + "\nend\n";
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();

    int code =
        AlertMailCli.run(
            new String[] {
              "send",
              "--smtp-host",
              "127.0.0.1",
              "--smtp-port",
              String.valueOf(relay.port()),
              "--tls",
              "none",
              "--from",
              "alerts@example.com",
              "--to",
              "ops@example.com",
              "--subject",
              "db1: Zahlung fehlgeschlagen für Bestellung Ä-1042, noch einmal versuchen? 支付失败",
              "--dkim-domain",
              "example.com",
              "--dkim-selector",
              "alerts1",
              "--dkim-key",
              file.toString()
            },
            Map.of(),
            new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(nextHop.waitForIncomingEmail(30_000, 1), "relayed: " + relay.log());
    String raw = GreenMailUtil.getWholeMessage(nextHop.getReceivedMessages()[0]);
    assertTrue(raw.contains("by relay.alertmail.test (Postfix)"), "through Postfix: " + raw);
    assertEquals(
        "pass",
        IndependentDkimVerifier.verify(
            raw.getBytes(StandardCharsets.US_ASCII),
            "alerts1._domainkey.example.com",
            key.txtRecord()));
  }
}

package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.oauth.AccessToken;
import dev.alertmail.oauth.TokenCache;
import dev.alertmail.oauth.TokenSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * AUTH XOAUTH2 against a scripted server that checks the SASL blob, answers a stale token with the
 * error challenge and a 535, and then takes a fresh one.
 */
class SmtpXOAuth2Test {

  private static final byte[] MESSAGE =
      "Subject: x\r\nFrom: alerts@example.com\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

  private final AtomicInteger fetched = new AtomicInteger();
  private final TokenSource source =
      new TokenSource() {
        @Override
        public AccessToken fetch() {
          int n = fetched.incrementAndGet();
          return new AccessToken("tok" + n, Instant.now().plusSeconds(3600), null, "test source");
        }

        @Override
        public String describe() {
          return "test source";
        }
      };

  private static String blob(String token) {
    return Base64.getEncoder()
        .encodeToString(
            ("user=alerts@example.com\u0001auth=Bearer " + token + "\u0001\u0001")
                .getBytes(StandardCharsets.UTF_8));
  }

  private SmtpSettings settings(int port) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        TlsMode.NONE,
        "alerts@example.com",
        null,
        null,
        TestSettings.LOCALHOST,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        null,
        new TokenCache(source, InstantSource.system()));
  }

  private static void greetWithXOAuth2(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.send("220 smtp.office365.test");
    peer.expect("EHLO client.test").send("250-smtp.office365.test", "250 AUTH LOGIN XOAUTH2");
  }

  @Test
  void signsInWithTheBearerTokenAndNeverShowsIt() throws Exception {
    RecordingTranscript transcript = new RecordingTranscript();
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greetWithXOAuth2(peer);
              peer.expect("AUTH XOAUTH2 " + blob("tok1"))
                  .send("235 2.7.0 Authentication successful");
              ScriptedDialogues.acceptTransaction(peer);
            })) {
      new SmtpClient(settings(server.port()), transcript).send(SmtpDialogueTest.ENVELOPE, MESSAGE);

      assertTrue(
          transcript.lines().contains("C: AUTH XOAUTH2 ****"), transcript.lines().toString());
      assertFalse(String.join("\n", transcript.lines()).contains(blob("tok1")));
    }
  }

  @Test
  void aRefusedTokenIsReplacedOnceBeforeTheFailureCounts() throws Exception {
    String challenge =
        Base64.getEncoder()
            .encodeToString(
                "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}"
                    .getBytes(StandardCharsets.UTF_8));
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greetWithXOAuth2(peer);
              peer.expect("AUTH XOAUTH2 " + blob("tok1")).send("334 " + challenge);
              peer.expect("").send("535 5.7.8 Username and Password not accepted");
              peer.expect("AUTH XOAUTH2 " + blob("tok2")).send("235 2.7.0 Accepted");
              ScriptedDialogues.acceptTransaction(peer);
            })) {
      new SmtpClient(settings(server.port()), Transcript.NONE)
          .send(SmtpDialogueTest.ENVELOPE, MESSAGE);

      assertEquals(2, fetched.get());
    }
  }

  @Test
  void twoRefusalsInARowFailWithTheServersWords() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greetWithXOAuth2(peer);
              peer.expect("AUTH XOAUTH2 " + blob("tok1"))
                  .send("535 5.7.3 Authentication unsuccessful");
              peer.expect("AUTH XOAUTH2 " + blob("tok2"))
                  .send("535 5.7.3 Authentication unsuccessful");
              peer.expect("QUIT").send("221 bye");
            })) {
      SmtpException e =
          assertThrows(
              SmtpException.class,
              () ->
                  new SmtpClient(settings(server.port()), Transcript.NONE)
                      .send(SmtpDialogueTest.ENVELOPE, MESSAGE));

      assertFalse(e.isTransient());
      assertEquals("AUTH XOAUTH2", e.command());
      assertTrue(e.getMessage().contains("535 5.7.3"), e.getMessage());
      assertFalse(e.getMessage().contains("tok2"), e.getMessage());
    }
  }

  @Test
  void aServerThatNoLongerTakesPasswordsSaysToConfigureXOAuth2() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 smtp.office365.test");
              peer.expect("EHLO client.test")
                  .send("250-smtp.office365.test", "250 AUTH LOGIN PLAIN");
              peer.readLine(); // AUTH PLAIN ...
              peer.send(
                  "535 5.7.139 Authentication unsuccessful, basic authentication is disabled."
                      + " [MW4PR04CA0001.namprd04.prod.outlook.com]");
              peer.expect("QUIT").send("221 bye");
            })) {
      SmtpException e =
          assertThrows(
              SmtpException.class,
              () ->
                  new SmtpClient(
                          TestSettings.with(server.port(), TlsMode.NONE, "alerts", "pw", null),
                          Transcript.NONE)
                      .send(SmtpDialogueTest.ENVELOPE, MESSAGE));

      assertTrue(
          e.getMessage()
              .contains(
                  "this server no longer takes passwords: configure XOAUTH2 (see README,"
                      + " Microsoft 365)"),
          e.getMessage());
    }
  }
}

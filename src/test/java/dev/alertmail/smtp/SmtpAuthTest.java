package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AUTH on the wire, and the rules that keep credentials off plain-text connections and logs. */
class SmtpAuthTest {

  private static final String USER = "alice@example.com";
  private static final String PASSWORD = "Pa55-w0rd!";
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

  private DeliveryReport send(TlsMode tls, AuthMechanism mechanism) throws SmtpException {
    var settings = TestSettings.with(server.port(), tls, USER, PASSWORD, mechanism);
    return new SmtpClient(settings, transcript).send(SmtpDialogueTest.ENVELOPE, MESSAGE);
  }

  private SmtpException failure(TlsMode tls, AuthMechanism mechanism) {
    return assertThrows(SmtpException.class, () -> send(tls, mechanism));
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void greet(ScriptedSmtpServer.Peer peer, String... extensions) throws Exception {
    peer.send("220 mx.test");
    String[] lines = new String[extensions.length + 1];
    lines[0] = (extensions.length == 0 ? "250 " : "250-") + "mx.test";
    for (int i = 0; i < extensions.length; i++) {
      lines[i + 1] = (i == extensions.length - 1 ? "250 " : "250-") + extensions[i];
    }
    peer.expect("EHLO client.test").send(lines);
  }

  private void assertNoSecretAnywhere(String... more) throws Exception {
    List<String> texts = new java.util.ArrayList<>(List.of(more));
    texts.add(transcript.text());
    for (String text : texts) {
      for (String secret :
          List.of(PASSWORD, base64(PASSWORD), base64("\0" + USER + "\0" + PASSWORD))) {
        assertFalse(text.contains(secret), text);
      }
    }
  }

  /**
   * A server, or a man in the middle of a NONE session, that echoes what it was sent in its refusal
   * must not get the credentials into the exception, the status or the transcript.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"PLAIN", "LOGIN"})
  void aServerThatEchoesTheCredentialsInItsRefusalGetsThemMasked(AuthMechanism mechanism)
      throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH PLAIN LOGIN");
              String sent = peer.readLine();
              if (mechanism == AuthMechanism.LOGIN) {
                peer.send("334 VXNlcm5hbWU6");
                peer.readLine();
                peer.send("334 UGFzc3dvcmQ6");
                sent = peer.readLine();
              }
              peer.send(
                  "535 5.7.8 you sent " + sent + " which is " + PASSWORD + ", " + base64(PASSWORD));
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.NONE, mechanism);

    assertTrue(e.getMessage().contains("535"), e.getMessage());
    assertTrue(e.getMessage().contains("****"), e.getMessage());
    assertNoSecretAnywhere(e.getMessage(), String.valueOf(e.reply()));
  }

  @Test
  void refusesCredentialsOverPlainTextWhenTlsIsNotNone() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH PLAIN LOGIN");
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.OPPORTUNISTIC, null);
    assertFalse(e.isTransient());
    assertEquals("AUTH", e.command());
    assertTrue(e.getMessage().contains("<tls>NONE</tls>"), e.getMessage());
    assertFalse(server.received().contains("AUTH"), "nothing of AUTH went on the wire");
    assertNoSecretAnywhere(e.getMessage());
  }

  @Test
  void requiredStartTlsThatIsNotOfferedFailsBeforeAuth() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH PLAIN LOGIN");
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.STARTTLS, null);
    assertFalse(e.isTransient());
    assertEquals("STARTTLS", e.command());
    assertFalse(server.received().contains("AUTH"));
  }

  @Test
  void sendsPlainCredentialsInClearTextWhenTlsIsNone() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH PLAIN LOGIN");
              peer.expect("AUTH PLAIN " + base64("\0" + USER + "\0" + PASSWORD))
                  .send("235 2.7.0 ok");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(TlsMode.NONE, null);
    assertTrue(transcript.lines().contains("C: AUTH PLAIN <credentials masked>"));
    assertNoSecretAnywhere();
  }

  @Test
  void sendsLoginCredentialsAfterEachChallenge() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH=LOGIN"); // the pre-RFC 4954 form
              peer.expect("AUTH LOGIN").send("334 VXNlcm5hbWU6");
              peer.expect(base64(USER)).send("334 UGFzc3dvcmQ6");
              peer.expect(base64(PASSWORD)).send("235 ok");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(TlsMode.NONE, null);
    List<String> lines = transcript.lines();
    int auth = lines.indexOf("C: AUTH LOGIN");
    assertEquals(
        List.of(
            "C: AUTH LOGIN",
            "S: 334 VXNlcm5hbWU6",
            "C: <credentials masked>",
            "S: 334 UGFzc3dvcmQ6",
            "C: <credentials masked>",
            "S: 235 ok"),
        lines.subList(auth, auth + 6));
    assertNoSecretAnywhere();
    assertFalse(transcript.text().contains(base64(USER)));
  }

  @Test
  void forcedMechanismIsUsedEvenWhenPlainIsOffered() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH PLAIN LOGIN");
              peer.expect("AUTH LOGIN").send("334 VXNlcm5hbWU6");
              peer.expect(base64(USER)).send("334 UGFzc3dvcmQ6");
              peer.expect(base64(PASSWORD)).send("235 ok");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(TlsMode.NONE, AuthMechanism.LOGIN);
  }

  @Test
  void credentialsWithoutAuthOfferedIsAnError() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "8BITMIME");
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.NONE, null);
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("offers no AUTH"), e.getMessage());
    assertFalse(server.received().contains("MAIL FROM"), "never sends unauthenticated");
  }

  @Test
  void forcedMechanismNotOfferedIsAnError() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH LOGIN");
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.NONE, AuthMechanism.PLAIN);
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("AUTH PLAIN"), e.getMessage());
  }

  @Test
  void onlyUnsupportedMechanismsIsAnError() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH CRAM-MD5 XOAUTH2");
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.NONE, null);
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("CRAM-MD5"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "535 5.7.8 bad credentials | false | authentication failed",
        "454 4.7.0 try later       | true  | temporary authentication failure",
        "530 5.7.0 must issue STARTTLS | false | requires authentication",
        "538 5.7.11 encryption required | false | encrypted connection",
      })
  void authRepliesAreExplained(String reply, boolean isTransient, String explanation)
      throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer, "AUTH PLAIN");
              peer.expect("AUTH PLAIN " + base64("\0" + USER + "\0" + PASSWORD)).send(reply);
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = failure(TlsMode.NONE, null);
    assertEquals(isTransient, e.isTransient());
    assertEquals("AUTH PLAIN", e.command());
    assertTrue(e.getMessage().contains(explanation), e.getMessage());
    assertNoSecretAnywhere(e.getMessage(), e.command(), String.valueOf(e.reply()));
  }
}

package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End-to-end against GreenMail: what a real server receives is what the caller meant to send. */
class SmtpClientGreenMailTest {

  private static final String PASSWORD = "gm-Secret-42";

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("ops@example.com", "ops", PASSWORD));

  private final RecordingTranscript transcript = new RecordingTranscript();

  private int port() {
    return greenMail.getSmtp().getPort();
  }

  private static byte[] message(String subject, String body) {
    String text =
        "From: alerts@example.com\r\n"
            + "To: ops@example.com\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=US-ASCII\r\n"
            + "\r\n"
            + body;
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The body as GreenMail stored it. GreenMail counts the CRLF before the terminating "." as part
   * of the terminator and drops it, so it is added back here.
   */
  private static String rawBody(MimeMessage m) throws Exception {
    try (InputStream in = m.getRawInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1) + "\r\n";
    }
  }

  /** Compares without dumping kilobytes of body into the report. */
  private static void assertSameBody(String expected, String actual) {
    if (!expected.equals(actual)) {
      int i = 0;
      while (i < Math.min(expected.length(), actual.length())
          && expected.charAt(i) == actual.charAt(i)) {
        i++;
      }
      throw new AssertionError(
          "bodies differ at index "
              + i
              + " (lengths "
              + expected.length()
              + ", "
              + actual.length()
              + ")");
    }
  }

  private MimeMessage sendAndReceive(SmtpSettings settings, String body) throws Exception {
    var client = new SmtpClient(settings, transcript);
    DeliveryReport report =
        client.send(
            new Envelope("alerts@example.com", List.of("ops@example.com")), message("alert", body));
    assertEquals(List.of("ops@example.com"), report.accepted());
    assertTrue(greenMail.waitForIncomingEmail(5000, 1));
    return greenMail.getReceivedMessages()[0];
  }

  @Test
  void plainSendArrivesWithTheExactBody() throws Exception {
    String body = "Something failed.\r\n\r\n  at Foo.bar(Foo.java:42)\r\n";
    MimeMessage received = sendAndReceive(TestSettings.plain(port()), body);
    assertEquals("alert", received.getSubject());
    assertSameBody(body, rawBody(received));
    assertTrue(transcript.lines().contains("C: QUIT"));
  }

  @Test
  void linesOfDotsAndLongLinesArriveIntact() throws Exception {
    String longLine = "x".repeat(5000);
    String body = ".\r\n..two\r\n.leading dot\r\nmiddle . dot\r\n" + longLine + "\r\nend\r\n";
    MimeMessage received = sendAndReceive(TestSettings.plain(port()), body);
    assertSameBody(body, rawBody(received));
  }

  @Test
  void deliversToMultipleRecipients() throws Exception {
    var client = new SmtpClient(TestSettings.plain(port()), transcript);
    List<String> recipients = List.of("a@example.com", "b@example.org", "c@example.net");
    DeliveryReport report =
        client.send(new Envelope("alerts@example.com", recipients), message("many", "hi\r\n"));
    assertEquals(recipients, report.accepted());
    assertTrue(report.rejected().isEmpty());
    assertTrue(greenMail.waitForIncomingEmail(5000, 3));
    assertEquals(3, greenMail.getReceivedMessages().length);
    assertEquals("127.0.0.1:" + port(), report.server());
  }

  @Test
  void authenticatesWithAuthLogin() throws Exception {
    var settings = TestSettings.with(port(), TlsMode.NONE, "ops", PASSWORD, AuthMechanism.LOGIN);
    sendAndReceive(settings, "login\r\n");
    List<String> lines = transcript.lines();
    int auth = lines.indexOf("C: AUTH LOGIN");
    assertTrue(auth >= 0, transcript::text);
    assertEquals("C: <credentials masked>", lines.get(auth + 2));
    assertEquals("C: <credentials masked>", lines.get(auth + 4));
    assertTrue(lines.get(auth + 5).startsWith("S: 235"), transcript::text);
    assertNoSecret(transcript.text());
  }

  @Test
  void authenticatesWithAuthPlain() throws Exception {
    var settings = TestSettings.with(port(), TlsMode.NONE, "ops", PASSWORD, AuthMechanism.PLAIN);
    sendAndReceive(settings, "plain\r\n");
    List<String> lines = transcript.lines();
    int auth = lines.indexOf("C: AUTH PLAIN <credentials masked>");
    assertTrue(auth >= 0, transcript::text);
    assertTrue(lines.get(auth + 1).startsWith("S: 235"), transcript::text);
    assertNoSecret(transcript.text());
  }

  @Test
  void picksPlainWhenNoMechanismIsConfigured() throws Exception {
    var settings = TestSettings.with(port(), TlsMode.NONE, "ops", PASSWORD, null);
    sendAndReceive(settings, "default\r\n");
    assertTrue(transcript.lines().contains("C: AUTH PLAIN <credentials masked>"));
  }

  @Test
  void wrongPasswordIsPermanentAndRevealsNoSecret() {
    String wrong = "Wrong-Pass-99";
    for (AuthMechanism mechanism : AuthMechanism.values()) {
      var settings = TestSettings.with(port(), TlsMode.NONE, "ops", wrong, mechanism);
      var client = new SmtpClient(settings, transcript);
      var e =
          assertThrows(
              SmtpException.class,
              () ->
                  client.send(
                      new Envelope("alerts@example.com", List.of("ops@example.com")),
                      message("x", "x\r\n")));
      assertFalse(e.isTransient());
      assertEquals(535, e.reply().code());
      assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
      for (String text : List.of(e.getMessage(), e.command(), transcript.text())) {
        assertFalse(text.contains(wrong), text);
        assertFalse(text.contains(base64(wrong)), text);
        assertFalse(text.contains(base64("\0ops\0" + wrong)), text);
      }
    }
    assertEquals(0, greenMail.getReceivedMessages().length);
  }

  @Test
  void sendsEightBitBodyAsIs() throws Exception {
    byte[] head = message("8bit", "").clone();
    byte[] body = "gr\u00fc\u00dfe\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    var client = new SmtpClient(TestSettings.plain(port()), transcript);
    client.send(new Envelope("alerts@example.com", List.of("ops@example.com")), all);
    assertTrue(greenMail.waitForIncomingEmail(5000, 1));
    assertSameBody(
        new String(body, StandardCharsets.ISO_8859_1), rawBody(greenMail.getReceivedMessages()[0]));
  }

  private void assertNoSecret(String text) {
    assertFalse(text.contains(PASSWORD), text);
    assertFalse(text.contains(base64(PASSWORD)), text);
    assertFalse(text.contains(base64("\0ops\0" + PASSWORD)), text);
    assertFalse(text.contains(base64("ops")), text);
  }

  private static String base64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}

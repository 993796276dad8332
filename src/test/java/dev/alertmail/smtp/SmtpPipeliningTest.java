package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PIPELINING (RFC 2920) and several mails over one session. */
class SmtpPipeliningTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final byte[] MESSAGE =
      "Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

  private final RecordingTranscript transcript = new RecordingTranscript();
  private ScriptedSmtpServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private DeliveryReport send(List<String> recipients) throws SmtpException {
    return new SmtpClient(TestSettings.plain(server.port()), transcript)
        .send(new Envelope("alerts@example.com", recipients), MESSAGE);
  }

  private static void greetWithPipelining(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.send("220 mx.test");
    peer.expect("EHLO client.test").send("250-mx.test", "250 PIPELINING");
  }

  @Test
  void envelopeAndDataGoOutInOneBatchWhenTheServerOffersPipelining() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greetWithPipelining(peer);
              // a client waiting for each reply would hang here: nothing is answered until DATA
              peer.expect("MAIL FROM:<alerts@example.com>");
              peer.expect("RCPT TO:<a@example.com>");
              peer.expect("RCPT TO:<b@example.com>");
              peer.expect("DATA");
              peer.send("250 ok", "250 ok", "250 ok", "354 go ahead");
              peer.readData();
              peer.send("250 queued");
              peer.expect("QUIT").send("221 bye");
            });
    DeliveryReport report = send(List.of("a@example.com", "b@example.com"));
    assertEquals(List.of("a@example.com", "b@example.com"), report.accepted());
  }

  @Test
  void aRefusedRecipientInTheBatchDoesNotStopTheOthers() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greetWithPipelining(peer);
              peer.expect("MAIL FROM:<alerts@example.com>");
              peer.expect("RCPT TO:<a@example.com>");
              peer.expect("RCPT TO:<b@example.com>");
              peer.expect("DATA");
              peer.send("250 ok", "550 5.1.1 no such user", "250 ok", "354 go ahead");
              peer.readData();
              peer.send("250 queued");
              peer.expect("QUIT").send("221 bye");
            });
    DeliveryReport report = send(List.of("a@example.com", "b@example.com"));
    assertEquals(List.of("b@example.com"), report.accepted());
    assertEquals(550, report.rejected().get(0).reply().code());
  }

  @Test
  void whenEveryRecipientIsRefusedButDataIsAcceptedTheMessageEndsEmpty() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greetWithPipelining(peer);
              peer.expect("MAIL FROM:<alerts@example.com>");
              peer.expect("RCPT TO:<a@example.com>");
              peer.expect("DATA");
              peer.send("250 ok", "550 no such user", "354 go ahead");
              peer.expect(".").send("554 no valid recipients");
              peer.expect("QUIT").send("221 bye");
            });
    SmtpException e = assertThrows(SmtpException.class, () -> send(List.of("a@example.com")));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("no recipient accepted"), e.getMessage());
    assertFalse(server.received().contains("body"), "the message itself was never sent");
  }

  @Test
  void aNonsenseReplyInTheBatchEndsTheSessionWithoutAnOutOfStepQuit() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              greetWithPipelining(peer);
              peer.expect("MAIL FROM:<alerts@example.com>");
              peer.expect("RCPT TO:<a@example.com>");
              peer.expect("DATA");
              peer.send("250 ok", "252 cannot verify", "354 go ahead");
              peer.awaitClose();
            });
    assertThrows(SmtpException.class, () -> send(List.of("a@example.com")));
    // after a 354 a QUIT would be message text; the replies left unread make the session unusable
    assertFalse(server.received().contains("QUIT"), server.received());
  }

  @Test
  void severalMailsShareOneSession() throws Exception {
    var client = new SmtpClient(TestSettings.plain(greenMail.getSmtp().getPort()), transcript);
    var envelope = new Envelope("alerts@example.com", List.of("ops@example.com"));

    List<DeliveryReport> reports =
        client.sendAll(Collections.nCopies(3, envelope), Collections.nCopies(3, MESSAGE));

    assertEquals(3, reports.size());
    assertTrue(greenMail.waitForIncomingEmail(5_000, 3));
    List<String> lines = transcript.lines();
    assertEquals(1, lines.stream().filter(l -> l.startsWith("C: EHLO")).count(), lines.toString());
    assertEquals(3, lines.stream().filter(l -> l.startsWith("C: MAIL FROM")).count());
    assertEquals(1, lines.stream().filter(l -> l.equals("C: QUIT")).count());
  }

  /**
   * A round trip is the client waiting for the server: each time a server line follows a client
   * line in the transcript, plus the greeting.
   */
  private static int roundTrips(List<String> lines) {
    int trips = lines.isEmpty() || !lines.get(0).startsWith("S:") ? 0 : 1;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).startsWith("S:") && lines.get(i - 1).startsWith("C:")) {
        trips++;
      }
    }
    return trips;
  }

  @Test
  void aMailTakesTheProtocolMinimumOfRoundTrips() throws Exception {
    // greeting, EHLO, AUTH, one pipelined MAIL/RCPT/RCPT/DATA, the message, QUIT
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test")
                  .send("250-mx.test", "250-PIPELINING", "250 AUTH PLAIN");
              peer.readLine(); // AUTH PLAIN ...
              peer.send("235 ok");
              peer.expect("MAIL FROM:<alerts@example.com>");
              peer.expect("RCPT TO:<a@example.com>");
              peer.expect("RCPT TO:<b@example.com>");
              peer.expect("DATA");
              peer.send("250 ok", "250 ok", "250 ok", "354 go ahead");
              peer.readData();
              peer.send("250 queued");
              peer.expect("QUIT").send("221 bye");
            });
    new SmtpClient(TestSettings.with(server.port(), TlsMode.NONE, "u", "p", null), transcript)
        .send(
            new Envelope("alerts@example.com", List.of("a@example.com", "b@example.com")), MESSAGE);

    assertEquals(6, roundTrips(transcript.lines()), String.join("\n", transcript.lines()));
  }
}

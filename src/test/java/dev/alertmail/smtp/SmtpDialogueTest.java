package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's side of the dialogue, byte for byte, against a scripted server. */
class SmtpDialogueTest {

  static final Envelope ENVELOPE = new Envelope("alerts@example.com", List.of("ops@example.com"));

  private final RecordingTranscript transcript = new RecordingTranscript();
  private ScriptedSmtpServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private DeliveryReport send(Envelope envelope, String message) throws SmtpException {
    return new SmtpClient(TestSettings.plain(server.port()), transcript)
        .send(envelope, message.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void sendsTheExactDialogueWithDotStuffingAndCrlfNormalisation() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.expect("EHLO client.test").send("250-mx.test", "250 PIPELINING");
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("DATA").send("354 go ahead");
              peer.readData();
              peer.send("250 queued as 42");
              peer.expect("QUIT").send("221 bye");
            });
    DeliveryReport report =
        send(ENVELOPE, "Subject: t\r\n\r\nline1\n.dot\r\n..\nbare\rcr\r\n.\r\nlast");
    assertEquals(
        "EHLO client.test\r\n"
            + "MAIL FROM:<alerts@example.com>\r\n"
            + "RCPT TO:<ops@example.com>\r\n"
            + "DATA\r\n"
            + "Subject: t\r\n\r\nline1\r\n..dot\r\n...\r\nbare\r\ncr\r\n..\r\nlast\r\n.\r\n"
            + "QUIT\r\n",
        server.received());
    assertEquals(List.of("ops@example.com"), report.accepted());
    assertEquals("127.0.0.1:" + server.port(), report.server());
  }

  @Test
  void transcriptShowsTheDialogueButNotTheMessage() throws Exception {
    server = ScriptedSmtpServer.start(ScriptedDialogues::accepting);
    send(ENVELOPE, "Subject: secret plans\r\n\r\nbody\r\n");
    assertEquals(
        List.of(
            "S: 220 mx.test ESMTP",
            "C: EHLO client.test",
            "S: 250-mx.test",
            "S: 250 8BITMIME",
            "C: MAIL FROM:<alerts@example.com>",
            "S: 250 ok",
            "C: RCPT TO:<ops@example.com>",
            "S: 250 ok",
            "C: DATA",
            "S: 354 go ahead",
            "C: <message: 31 bytes>",
            "C: .",
            "S: 250 queued",
            "C: QUIT",
            "S: 221 bye"),
        transcript.lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"500 unknown command", "502 not implemented", "550 go away"})
  void fallsBackToHeloWhenEhloIsRefused(String refusal) throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 old.test SMTP");
              peer.expect("EHLO client.test").send(refusal);
              peer.expect("HELO client.test").send("250 old.test");
              ScriptedDialogues.acceptTransaction(peer);
            });
    assertEquals(List.of("ops@example.com"), send(ENVELOPE, "x\r\n").accepted());
  }

  @Test
  void readsMultiLineRepliesSplitAcrossWrites() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.sendRaw("22");
              peer.sendRaw("0-mx.test\r\n220 ready\r\n");
              peer.expect("EHLO client.test");
              peer.sendRaw("250-mx.test greets client.test\r\n25");
              peer.sendRaw("0-SIZE 100000\r\n250-8BIT");
              peer.sendRaw("MIME\r\n250 HELP\r\n");
              ScriptedDialogues.acceptTransaction(peer);
            });
    send(ENVELOPE, "x\r\n");
    assertTrue(transcript.lines().contains("S: 250-SIZE 100000"));
  }

  @Test
  void declaresEightBitMimeWhenAdvertisedAndTheMessageNeedsIt() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250-mx.test", "250 8BITMIME");
              peer.expect("MAIL FROM:<alerts@example.com> BODY=8BITMIME").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("DATA").send("354 go");
              peer.readData();
              peer.send("250 ok");
              peer.expect("QUIT").send("221 bye");
            });
    send(ENVELOPE, "Subject: caf\u00e9\r\n\r\nna\u00efve\r\n");
  }

  @Test
  void doesNotDeclareEightBitMimeForSevenBitMessages() throws Exception {
    server = ScriptedSmtpServer.start(ScriptedDialogues::accepting);
    send(ENVELOPE, "plain ascii\r\n");
    assertTrue(server.received().contains("MAIL FROM:<alerts@example.com>\r\n"));
  }

  @Test
  void deliversToTheOthersWhenOneRecipientIsRejected() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250 mx.test");
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<gone@example.com>").send("550 5.1.1 no such user");
              peer.expect("RCPT TO:<full@example.com>").send("452 4.2.2 mailbox full");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("DATA").send("354 go");
              peer.readData();
              peer.send("250 ok");
              peer.expect("QUIT").send("221 bye");
            });
    var envelope =
        new Envelope(
            "alerts@example.com",
            List.of("gone@example.com", "full@example.com", "ops@example.com"));
    DeliveryReport report = send(envelope, "x\r\n");
    assertEquals(List.of("ops@example.com"), report.accepted());
    assertEquals(2, report.rejected().size());
    assertEquals("gone@example.com", report.rejected().get(0).recipient());
    assertTrue(report.rejected().get(0).reply().isPermanentFailure());
    assertTrue(report.rejected().get(1).reply().isTransientFailure());
  }

  @Test
  void failsPermanentlyWhenEveryRecipientIsRefusedPermanently() throws Exception {
    server = ScriptedSmtpServer.start(peer -> refuseRecipients(peer, "550 no", "553 bad"));
    var e = assertThrows(SmtpException.class, () -> send(twoRecipients(), "x\r\n"));
    assertFalse(e.isTransient());
    assertEquals("RCPT TO:<a@example.com>", e.command());
    assertTrue(e.getMessage().contains("no recipient accepted"), e.getMessage());
  }

  @Test
  void failsTransientlyWhenAnyRefusedRecipientMayWorkLater() throws Exception {
    server = ScriptedSmtpServer.start(peer -> refuseRecipients(peer, "550 no", "451 later"));
    var e = assertThrows(SmtpException.class, () -> send(twoRecipients(), "x\r\n"));
    assertTrue(e.isTransient());
    assertEquals("RCPT TO:<b@example.com>", e.command());
    assertEquals(451, e.reply().code());
  }

  @Test
  void refusesMessageLargerThanTheAdvertisedSize() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test");
              peer.expect("EHLO client.test").send("250-mx.test", "250 SIZE 10");
              peer.expect("QUIT").send("221 bye");
            });
    var e = assertThrows(SmtpException.class, () -> send(ENVELOPE, "more than ten bytes\r\n"));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("SIZE"), e.getMessage());
  }

  private static Envelope twoRecipients() {
    return new Envelope("alerts@example.com", List.of("a@example.com", "b@example.com"));
  }

  private static void refuseRecipients(ScriptedSmtpServer.Peer peer, String first, String second)
      throws Exception {
    peer.send("220 mx.test");
    peer.expect("EHLO client.test").send("250 mx.test");
    peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
    peer.expect("RCPT TO:<a@example.com>").send(first);
    peer.expect("RCPT TO:<b@example.com>").send(second);
    peer.expect("QUIT").send("221 bye");
  }
}

package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server's limit on recipients per transaction (Postfix: 1,000): RFC 5321 §4.5.3.1.10 says the
 * rest are sent in further transactions. A monitoring system that retries a mail the first
 * transaction delivered to most recipients would send it to those again.
 */
class SmtpRecipientLimitTest {

  private static final byte[] MESSAGE =
      "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final Envelope FIVE =
      new Envelope(
          "alerts@example.com",
          List.of("a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@x.com"));

  private ScriptedSmtpServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  // every recipient the server accepted, in every transaction, in order
  private final List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Takes at most {@code limit} recipients per transaction, as Postfix does. */
  private List<String> transaction(
      ScriptedSmtpServer.Peer peer, List<String> recipients, int limit, String queueId)
      throws Exception {
    peer.expect("MAIL FROM:<alerts@example.com>").send("250 2.1.0 Ok");
    List<String> accepted = new java.util.ArrayList<>();
    for (String recipient : recipients) {
      peer.expect("RCPT TO:<" + recipient + ">");
      if (accepted.size() < limit) {
        accepted.add(recipient);
        peer.send("250 2.1.5 Ok");
      } else {
        peer.send("452 4.5.3 Error: too many recipients");
      }
    }
    if (accepted.isEmpty()) {
      return accepted; // the client gives up on this transaction
    }
    delivered.addAll(accepted);
    peer.expect("DATA").send("354 End data with <CR><LF>.<CR><LF>");
    peer.readData();
    peer.send("250 2.0.0 Ok: queued as " + queueId);
    return accepted;
  }

  @Test
  void recipientsBeyondTheServersLimitGetTheMailInFurtherTransactionsOfTheSameSession()
      throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.expect("EHLO client.test").send("250 mx.test");
              transaction(peer, FIVE.recipients(), 2, "A");
              transaction(peer, FIVE.recipients().subList(2, 5), 2, "B");
              transaction(peer, FIVE.recipients().subList(4, 5), 2, "C");
              peer.expect("QUIT").send("221 bye");
            });
    DeliveryReport report =
        new SmtpClient(TestSettings.plain(server.port()), new RecordingTranscript())
            .send(FIVE, MESSAGE);

    assertEquals(FIVE.recipients(), report.accepted());
    assertEquals(List.of(), report.rejected());
    assertTrue(report.queued().contains("queued as A"), report.queued());
    assertTrue(report.queued().contains("queued as C"), report.queued());
    server.awaitScript();
    // each recipient has the mail once: none accepted twice
    assertEquals(FIVE.recipients(), delivered);
    assertEquals(3, count(server.received(), "\r\nDATA\r\n"), "three transactions");
  }

  @Test
  void aFurtherTransactionThatTakesNobodyLeavesTheRestRefusedForNow() throws Exception {
    server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.expect("EHLO client.test").send("250 mx.test");
              transaction(peer, FIVE.recipients(), 3, "A");
              transaction(peer, FIVE.recipients().subList(3, 5), 0, "never");
              peer.expect("RSET").send("250 ok"); // the open transaction is reset
              peer.expect("QUIT").send("221 bye");
            });
    DeliveryReport report =
        new SmtpClient(TestSettings.plain(server.port()), new RecordingTranscript())
            .send(FIVE, MESSAGE);

    assertEquals(FIVE.recipients().subList(0, 3), report.accepted());
    assertEquals(
        FIVE.recipients().subList(3, 5),
        report.rejected().stream().map(RecipientRejection::recipient).toList());
    assertTrue(report.rejected().get(0).reply().isTransientFailure());
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}

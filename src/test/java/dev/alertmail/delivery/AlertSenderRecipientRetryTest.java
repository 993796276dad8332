package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.mail.DkimKey;
import dev.alertmail.mail.DkimSigner;
import dev.alertmail.mail.IndependentDkimVerifier;
import dev.alertmail.smtp.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A recipient refused for now (a 4xx at RCPT) while another accepted: the mail is retried for that
 * recipient alone, with the same bytes, on a virtual clock; the one who accepted never gets it
 * twice.
 */
class AlertSenderRecipientRetryTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-24T14:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final RecordingStatus sink = new RecordingStatus();
  private final List<String> status = sink.lines;

  private static SenderConfig config(int port) {
    return SenderConfigs.plain(port, "ops@example.com", "oncall@example.com");
  }

  private Alert alert() {
    var event =
        new AlertEvent(
            now.get().toEpochMilli(),
            "ERROR",
            "com.shop.Orders",
            "order {} failed",
            "order 7 failed",
            "main",
            Map.of(),
            null);
    return new Alert(event, List.of(), "[shop] ERROR order 7 failed");
  }

  private static void greet(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.send("220 mx.test");
    peer.expect("EHLO client.test").send("250 mx.test");
    peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
  }

  /** Takes the mail for ops@ and refuses oncall@ for now, then takes it for oncall@ alone. */
  private static ScriptedSmtpServer oncallBusyOnceThenAccepted(List<String> messages)
      throws Exception {
    return ScriptedSmtpServer.sessions(
        peer -> {
          greet(peer);
          peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
          peer.expect("RCPT TO:<oncall@example.com>").send("450 4.2.1 mailbox busy");
          peer.expect("DATA").send("354 go on");
          messages.add(peer.readData());
          peer.send("250 queued as A1");
          peer.expect("QUIT").send("221 bye");
        },
        peer -> {
          greet(peer);
          peer.expect("RCPT TO:<oncall@example.com>").send("250 ok");
          peer.expect("DATA").send("354 go on");
          messages.add(peer.readData());
          peer.send("250 queued as B2");
          peer.expect("QUIT").send("221 bye");
        });
  }

  @Test
  void aRecipientRefusedForNowIsRetriedAloneWithTheSameMail() throws Exception {
    var messages = new CopyOnWriteArrayList<String>();
    try (ScriptedSmtpServer server = oncallBusyOnceThenAccepted(messages)) {
      var sender = new AlertSender(config(server.port()), sink, clock, new SplittableRandom(3));
      sender.start();
      sender.offer(alert());
      SenderThreads.await(
          () -> status.stream().anyMatch(s -> s.contains("is waiting for a retry")),
          "the refused recipient waits: " + status);
      assertTrue(
          status.stream()
              .anyMatch(
                  s ->
                      s.startsWith("WARN")
                          && s.contains("for oncall@example.com (127.0.0.1:" + server.port())
                          && s.contains("450 4.2.1 mailbox busy")),
          status.toString());

      now.set(now.get().plus(Duration.ofMinutes(6))); // past the first backoff
      SenderThreads.await(() -> messages.size() == 2, "retried: " + status);
      assertTrue(sender.stop(Duration.ofSeconds(5)));

      server.awaitScript(); // the scripts' expect() calls checked each RCPT
      assertEquals(messages.get(0), messages.get(1), "the same mail: Message-ID, count, body");
      assertTrue(messages.get(1).contains("X-AlertMail-Count: 1"), messages.get(1));
      assertTrue(
          status.stream()
              .anyMatch(s -> s.contains("to oncall@example.com via") && s.contains("(retry 1)")),
          status.toString());
    }
  }

  /** A signed mail is signed once: the retry carries the same signature, and it still verifies. */
  @Test
  void aSignedMailRetriedForOneRecipientKeepsItsSignature() throws Exception {
    IndependentDkimVerifier.assumeAvailable();
    var signer =
        new DkimSigner(
            "example.com", "alerts1", DkimKey.generate(DkimKey.Algorithm.ED25519_SHA256), clock);
    var messages = new CopyOnWriteArrayList<String>();
    try (ScriptedSmtpServer server = oncallBusyOnceThenAccepted(messages)) {
      var sender =
          new AlertSender(
              SenderConfigs.signed(config(server.port()), signer),
              sink,
              clock,
              new SplittableRandom(3));
      sender.start();
      sender.offer(alert());
      SenderThreads.await(
          () -> status.stream().anyMatch(s -> s.contains("is waiting for a retry")),
          "the refused recipient waits: " + status);
      now.set(now.get().plus(Duration.ofMinutes(6))); // past the first backoff
      SenderThreads.await(() -> messages.size() == 2, "retried: " + status);
      assertTrue(sender.stop(Duration.ofSeconds(5)));

      assertTrue(messages.get(0).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;"));
      assertEquals(messages.get(0), messages.get(1), "signed once: the same bytes again");
      assertEquals(
          "pass",
          IndependentDkimVerifier.verify(
              messages.get(1).getBytes(StandardCharsets.US_ASCII),
              signer.recordName(),
              signer.key().txtRecord()));
    }
  }

  @Test
  void aRetryStillPendingAtStopIsTriedOnceMoreThenReportedByRecipient() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.sessions(
            peer -> {
              greet(peer);
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("RCPT TO:<oncall@example.com>").send("451 4.7.1 greylisted");
              peer.expect("DATA").send("354 go on");
              peer.readData();
              peer.send("250 ok");
              peer.expect("QUIT").send("221 bye");
            },
            peer -> {
              greet(peer);
              peer.expect("RCPT TO:<oncall@example.com>").send("451 4.7.1 greylisted");
              peer.expect("QUIT").send("221 bye");
            })) {
      var sender = new AlertSender(config(server.port()), sink, clock, new SplittableRandom(3));
      sender.start();
      sender.offer(alert());
      SenderThreads.await(
          () -> status.stream().anyMatch(s -> s.contains("is waiting for a retry")),
          "the refused recipient waits: " + status);

      assertTrue(sender.stop(Duration.ofSeconds(5)));

      assertTrue(
          status.stream()
              .anyMatch(
                  s ->
                      s.startsWith("ERROR")
                          && s.contains("not delivered to oncall@example.com")
                          && s.contains("stopped while a retry was pending")),
          status.toString());
    }
  }
}

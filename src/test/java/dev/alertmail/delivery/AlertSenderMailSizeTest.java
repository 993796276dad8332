package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.ThrowableInfo;
import dev.alertmail.smtp.ScriptedSmtpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A server whose SIZE is below maxMailSize (a relay set to 20 KB, say) once refused the mail for
 * good, and every problem grouped into it was lost. Now the mail is made again to fit that server.
 */
class AlertSenderMailSizeTest {

  private static final int SIZE = 30_000;

  private static Alert heavyAlert() {
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      frames.add("org.framework.layer" + i + ".Handler.handle(Handler.java:" + i + ")");
    }
    List<AlertEvent> context = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      context.add(
          new AlertEvent(
              Instant.now().toEpochMilli(),
              "INFO",
              "com.shop.Import",
              "row {}",
              "row " + i + " " + "payload ".repeat(250),
              "main",
              Map.of(),
              null));
    }
    var trigger =
        new AlertEvent(
            Instant.now().toEpochMilli(),
            "ERROR",
            "com.shop.Import",
            "import failed",
            "import failed",
            "main",
            Map.of(),
            new ThrowableInfo(
                "java.lang.IllegalStateException",
                "batch rejected",
                frames,
                0,
                new ThrowableInfo("java.sql.SQLException", "deadlock", frames, 0, null, List.of()),
                List.of()));
    return new Alert(trigger, context, "[shop] ERROR import failed");
  }

  @Test
  void aServerWhoseSizeIsSmallerGetsAMailMadeToFitIt() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.sessions(
            peer -> {
              peer.send("220 relay.test ESMTP");
              peer.expect("EHLO client.test").send("250-relay.test", "250 SIZE " + SIZE);
              peer.expect("QUIT").send("221 bye"); // the client knows it is too large
            },
            peer -> {
              peer.send("220 relay.test ESMTP");
              peer.expect("EHLO client.test").send("250-relay.test", "250 SIZE " + SIZE);
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("DATA").send("354 go ahead");
              received.set(peer.readData());
              peer.send("250 queued");
              peer.expect("QUIT").send("221 bye");
            })) {
      RecordingStatus status = new RecordingStatus();
      var sender = new AlertSender(SenderConfigs.plain(server.port(), "ops@example.com"), status);
      sender.start();
      sender.offer(heavyAlert());
      assertTrue(sender.stop(Duration.ofSeconds(10)), status.lines.toString());
      server.awaitScript();

      String mail = received.get();
      assertTrue(mail.length() <= SIZE, mail.length() + " bytes");
      assertTrue(mail.contains("Shortened to fit the server's size limit (30,000 bytes)"), mail);
      assertTrue(mail.contains("java.sql.SQLException: deadlock"), mail);
      assertTrue(
          status.lines.stream().anyMatch(l -> l.contains("exceeds a server's size limit of 30000")),
          status.lines.toString());
      assertEquals(
          0,
          status.lines.stream().filter(l -> l.startsWith("ERROR")).count(),
          status.lines.toString());
    }
  }

  @Test
  void aStatusLineNamesAFewRecipientsAndCountsTheRest() throws Exception {
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      recipients.add("ops" + i + "@example.com");
    }
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 relay.test ESMTP");
              peer.expect("EHLO client.test").send("250 relay.test");
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              for (String recipient : recipients) {
                peer.expect("RCPT TO:<" + recipient + ">").send("250 ok");
              }
              peer.expect("DATA").send("354 go ahead");
              peer.readData();
              peer.send("250 queued");
              peer.expect("QUIT").send("221 bye");
            })) {
      RecordingStatus status = new RecordingStatus();
      var sender =
          new AlertSender(
              SenderConfigs.plain(server.port(), recipients.toArray(String[]::new)), status);
      sender.start();
      sender.offer(heavyAlert());
      assertTrue(sender.stop(Duration.ofSeconds(10)), status.lines.toString());

      String sent =
          status.lines.stream()
              .filter(l -> l.contains("Sent alert mail"))
              .findFirst()
              .orElseThrow();
      assertTrue(
          sent.contains(
              "to ops0@example.com, ops1@example.com, ops2@example.com, ops3@example.com,"
                  + " ops4@example.com and 35 more via"),
          sent);
    }
  }
}

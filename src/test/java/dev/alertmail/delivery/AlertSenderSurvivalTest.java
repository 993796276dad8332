package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.AlertSource;
import dev.alertmail.mail.ParsedMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever goes wrong inside, the sender thread says so and keeps serving: an alert that cannot be
 * read is mailed with what is known, and a step that throws where nothing should costs no later
 * alert.
 */
class AlertSenderSurvivalTest {

  @RegisterExtension
  final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static Alert alert(String message) {
    var event =
        new AlertEvent(
            Instant.now().toEpochMilli(),
            "ERROR",
            "com.shop.Orders",
            message,
            message,
            "main",
            Map.of(),
            null);
    return new Alert(event, List.of(), "[shop] ERROR " + message);
  }

  private long counted() {
    long count = 0;
    try {
      for (MimeMessage mail : greenMail.getReceivedMessages()) {
        count += Long.parseLong(mail.getHeader("X-AlertMail-Count", null));
      }
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
    return count;
  }

  private String texts() throws Exception {
    StringBuilder all = new StringBuilder();
    for (MimeMessage mail : greenMail.getReceivedMessages()) {
      all.append(mail.getSubject()).append('\n').append(ParsedMail.text(mail)).append('\n');
    }
    return all.toString();
  }

  @Test
  void anAlertThatCannotBeReadIsMailedWithoutItsDetailAndTheOthersArriveWhole() throws Exception {
    RecordingStatus status = new RecordingStatus();
    var sender =
        new AlertSender(
            SenderConfigs.plain(greenMail.getSmtp().getPort(), "ops@example.com"), status);
    sender.start();
    sender.offer(
        new AlertSource() {
          @Override
          public Alert toAlert() {
            throw new NullPointerException("a bug of ours, or of a framework");
          }

          @Override
          public long timestampMillis() {
            return Instant.now().toEpochMilli();
          }
        });
    sender.offer(alert("payment failed"));
    sender.offer(
        () -> {
          throw new AssertionError("an error where none should be");
        });
    assertTrue(sender.stop(Duration.ofSeconds(10)), status.lines.toString());

    assertEquals(3, counted(), texts());
    String texts = texts();
    assertTrue(texts.contains("payment failed"), texts);
    assertTrue(
        texts.contains("this event could not be read: java.lang.NullPointerException"), texts);
    assertTrue(texts.contains("java.lang.AssertionError"), texts);
    assertTrue(!texts.contains("dropped"), "not counted as dropped, with a false reason: " + texts);
    assertTrue(
        status.lines.stream().anyMatch(l -> l.contains("sent without its detail")),
        status.lines.toString());
  }

  @Test
  void aStepThatThrowsIsReportedAndTheSenderKeepsServing() throws Exception {
    AtomicBoolean failOnce = new AtomicBoolean();
    // a clock that fails once, where no step expects it: the sender's own arithmetic
    java.time.InstantSource clock =
        () -> {
          if (failOnce.getAndSet(false)) {
            throw new IllegalStateException("the clock failed");
          }
          return Instant.now();
        };
    RecordingStatus status = new RecordingStatus();
    var sender =
        new AlertSender(
            SenderConfigs.plain(greenMail.getSmtp().getPort(), "ops@example.com"),
            status,
            clock,
            new SplittableRandom(1));
    sender.start();
    sender.offer(alert("first failure"));
    SenderThreads.await(() -> greenMail.getReceivedMessages().length == 1, "the first mail");
    failOnce.set(true);
    SenderThreads.await(
        () -> status.lines.stream().anyMatch(l -> l.contains("unexpected failure")),
        "the failure is reported");
    sender.offer(alert("second failure"));
    SenderThreads.await(
        () -> greenMail.getReceivedMessages().length == 2, "the sender still serves: " + texts());
    assertTrue(sender.stop(Duration.ofSeconds(10)), status.lines.toString());
    assertTrue(
        status.lines.stream()
            .anyMatch(l -> l.startsWith("ERROR") && l.contains("the clock failed")),
        status.lines.toString());
    assertTrue(texts().contains("second failure"), texts());
  }

  @Test
  void aStatusListenerThatThrowsCostsOnlyItsReport() throws Exception {
    StatusSink throwing =
        new StatusSink() {
          @Override
          public void info(String message) {
            throw new IllegalStateException("a status listener failed");
          }

          @Override
          public void warn(String message) {
            throw new IllegalStateException("a status listener failed");
          }

          @Override
          public void error(String message, Throwable cause) {
            throw new IllegalStateException("a status listener failed");
          }
        };
    var sender =
        new AlertSender(
            SenderConfigs.plain(greenMail.getSmtp().getPort(), "ops@example.com"), throwing);
    sender.start();
    sender.offer(alert("first failure"));
    sender.offer(
        new AlertSource() {
          @Override
          public Alert toAlert() {
            throw new NullPointerException("and an alert that cannot be read");
          }
        });
    SenderThreads.await(() -> counted() == 2, "both arrive");
    sender.offer(alert("second failure"));
    assertTrue(sender.stop(Duration.ofSeconds(10)));
    assertEquals(3, counted(), texts());
  }
}

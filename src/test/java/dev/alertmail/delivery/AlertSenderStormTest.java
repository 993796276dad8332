package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.AlertSource;
import dev.alertmail.alert.Fingerprint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A storm of one problem: once the sender knows it, the logging thread only counts its alerts, and
 * the mails still account for every one of them.
 */
class AlertSenderStormTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T14:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final AtomicInteger made = new AtomicInteger();
  private final AtomicInteger fingerprinted = new AtomicInteger();

  private static final String LOGGER = "com.shop.db.ShardRouter";
  private static final String TEMPLATE = "timeout on shard {}";

  @RegisterExtension
  final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final RecordingStatus status = new RecordingStatus();

  private AlertSender startedSender(int port) {
    var sender =
        new AlertSender(
            SenderConfigs.plain(port, "ops@example.com"), status, clock, new SplittableRandom(1));
    sender.start();
    return sender;
  }

  private AlertSource source() {
    made.incrementAndGet();
    var event =
        new AlertEvent(
            now.get().toEpochMilli(),
            "ERROR",
            LOGGER,
            TEMPLATE,
            "timeout on shard 2",
            "main",
            Map.of(),
            null);
    Alert alert = new Alert(event, List.of(), "[shop] ERROR timeout on shard 2");
    return new AlertSource() {
      @Override
      public Alert toAlert() {
        return alert;
      }

      @Override
      public String fingerprint() {
        fingerprinted.incrementAndGet();
        return Fingerprint.of(event);
      }

      @Override
      public long timestampMillis() {
        return event.timestampMillis();
      }
    };
  }

  /**
   * An alert read only in part (an exception whose cause could not be read again, a budget applied)
   * would fingerprint differently from its whole event; it stays the problem its source named, so
   * the alerts the logging threads only counted join its sample instead of another kind.
   */
  @Test
  void anAlertReadInPartStaysTheProblemItsSourceNamed() throws Exception {
    var sender = startedSender(greenMail.getSmtp().getPort());
    try {
      java.util.function.Supplier<dev.alertmail.alert.AlertSource> partlyRead =
          () -> {
            var whole = source();
            return new dev.alertmail.alert.AlertSource() {
              @Override
              public Alert toAlert() {
                Alert alert = whole.toAlert();
                var trigger = alert.trigger();
                // read in part: the exception is gone, so its own fingerprint would differ
                return new Alert(
                    new AlertEvent(
                        trigger.timestampMillis(),
                        trigger.level(),
                        trigger.loggerName(),
                        trigger.messageTemplate(),
                        trigger.message(),
                        trigger.threadName(),
                        Map.of(),
                        new dev.alertmail.alert.ThrowableInfo(
                            "java.lang.IllegalStateException", "x", List.of(), 0, null, List.of())),
                    List.of(),
                    alert.subject());
              }

              @Override
              public String fingerprint() {
                return whole.fingerprint();
              }

              @Override
              public long timestampMillis() {
                return whole.timestampMillis();
              }
            };
          };
      for (int i = 0; i < KindAdmission.PER_SECOND; i++) {
        sender.offer(partlyRead, LOGGER, TEMPLATE);
      }
      SenderThreads.await(
          () -> fingerprinted.get() >= KindAdmission.PER_SECOND, "taken whole: " + status.lines);
      for (int i = 0; i < 1_000; i++) {
        sender.offer(partlyRead, LOGGER, TEMPLATE);
      }
      assertTrue(sender.stop(Duration.ofSeconds(10)), status.lines.toString());

      assertEquals(1_000 + KindAdmission.PER_SECOND, mailed(greenMail));
      for (var mail : greenMail.getReceivedMessages()) {
        assertFalse(mail.getSubject().contains("kinds"), mail.getSubject());
        assertFalse(mail.getSubject().contains("dropped"), mail.getSubject());
        assertTrue(mail.getSubject().contains("timeout on shard"), mail.getSubject());
      }
    } finally {
      sender.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void aKnownProblemIsCountedOnTheLoggingThreadAndEveryAlertIsInTheMails() throws Exception {
    var sender = startedSender(greenMail.getSmtp().getPort());
    try {
      for (int i = 0; i < KindAdmission.PER_SECOND; i++) {
        assertTrue(sender.offer(this::source, LOGGER, TEMPLATE));
      }
      SenderThreads.await(
          () -> fingerprinted.get() == KindAdmission.PER_SECOND,
          "the sender took the first alerts whole: " + status.lines);

      for (int i = 0; i < 10_000; i++) {
        sender.offer(this::source, LOGGER, TEMPLATE);
      }
      assertTrue(sender.stop(Duration.ofSeconds(10)), status.lines.toString());

      assertEquals(KindAdmission.PER_SECOND, made.get(), "only the first alerts were made");
      assertEquals(10_000 + KindAdmission.PER_SECOND, mailed(greenMail), status.lines.toString());
    } finally {
      sender.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void whatIsCountedAfterItsProblemWasMailedGoesOutWithTheNextMail() throws Exception {
    var sender =
        new AlertSender(
            SenderConfigs.plain(greenMail.getSmtp().getPort(), "ops@example.com"),
            status,
            clock,
            new SplittableRandom(1));
    try {
      // all in the hand-off before the sender runs: one first mail, whatever the scheduler does
      for (int i = 0; i < KindAdmission.PER_SECOND; i++) {
        sender.offer(this::source, LOGGER, TEMPLATE);
      }
      sender.start();
      SenderThreads.await(
          () -> mailed(greenMail) == KindAdmission.PER_SECOND,
          () -> "the first mail: " + mailed(greenMail) + " counted, " + status.lines);
      // the storm's tail, counted on the logging thread; then the storm ends
      for (int i = 0; i < 100; i++) {
        sender.offer(this::source, LOGGER, TEMPLATE);
      }
      assertEquals(KindAdmission.PER_SECOND, made.get(), "the tail was only counted");

      // past the dedup window and the rate limit, at each look: the sender records the first mail
      // as delivered at its clock's time when the send returns, which on a busy machine can be
      // after this thread moved the clock, and the windows would then start again from there
      SenderThreads.await(
          () -> {
            now.set(now.get().plus(Duration.ofHours(3)));
            return mailed(greenMail) == KindAdmission.PER_SECOND + 100;
          },
          () ->
              "the counted tail is mailed without waiting for the problem to recur: "
                  + status.lines);
    } finally {
      sender.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aStopThatTimesOutDuringASendReportsWhatTheLoggingThreadsCounted() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      var connected = new java.util.concurrent.CountDownLatch(1);
      Thread acceptor =
          new Thread(
              () -> {
                try (var socket = silent.accept()) {
                  connected.countDown();
                  socket.getInputStream().read(); // never greets
                } catch (java.io.IOException e) {
                  // closed at the end of the test
                }
              });
      acceptor.start();
      var sender = startedSender(silent.getLocalPort());
      for (int i = 0; i < KindAdmission.PER_SECOND; i++) {
        sender.offer(this::source, LOGGER, TEMPLATE);
      }
      assertTrue(connected.await(10, java.util.concurrent.TimeUnit.SECONDS), "the sender sends");
      for (int i = 0; i < 1_000; i++) {
        sender.offer(this::source, LOGGER, TEMPLATE); // counted while the sender waits
      }

      sender.stop(Duration.ofMillis(500));

      String report =
          status.lines.stream().filter(l -> l.contains("Stopped after")).findFirst().orElse("");
      assertTrue(report.contains("1064 triggering events not delivered"), status.lines.toString());
    }
  }

  /**
   * A hand-off that is full when a known problem's alert comes (the sender held up by a slow
   * server, a burst of other kinds, a reload of the logging configuration): the alert joins its
   * problem's count, as past the second's quota, instead of being dropped.
   */
  @Test
  void anOverflowOfAKnownProblemJoinsItsCountInsteadOfBeingDropped() throws Exception {
    try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      var connected = new java.util.concurrent.CountDownLatch(1);
      var release = new java.util.concurrent.CountDownLatch(1);
      Thread acceptor =
          new Thread(
              () -> {
                try (var socket = stalling.accept()) {
                  connected.countDown();
                  release.await(); // holds the sender in its session while the hand-off fills
                } catch (java.io.IOException | InterruptedException e) {
                  // the test is over
                }
              });
      acceptor.start();
      var relays =
          List.of(
              new dev.alertmail.smtp.HostPort("127.0.0.1", stalling.getLocalPort()),
              new dev.alertmail.smtp.HostPort("127.0.0.1", greenMail.getSmtp().getPort()));
      var sender =
          new AlertSender(
              SenderConfigs.plain(relays, "ops@example.com"),
              status,
              clock,
              new SplittableRandom(1));
      sender.start();
      try {
        sender.offer(this::source, LOGGER, TEMPLATE); // the sender learns the problem, then mails
        assertTrue(connected.await(10, java.util.concurrent.TimeUnit.SECONDS), "the sender sends");
        for (int i = 0; i < 64; i++) {
          assertTrue(sender.offer(source())); // alerts without a kind fill the hand-off
        }
        for (int i = 0; i < 500; i++) {
          assertFalse(sender.offer(this::source, LOGGER, TEMPLATE));
        }
        release.countDown(); // the first relay hangs up; the second takes the mail

        assertTrue(sender.stop(Duration.ofSeconds(10)), status.lines.toString());
        assertEquals(1 + 64 + 500, mailed(greenMail), status.lines.toString());
        assertFalse(status.lines.toString().contains("dropped"), status.lines.toString());
        for (var mail : greenMail.getReceivedMessages()) {
          assertFalse(mail.getSubject().contains("dropped"), mail.getSubject());
        }
      } finally {
        release.countDown();
        sender.stop(Duration.ofSeconds(1));
      }
    }
  }

  private static long mailed(GreenMailExtension server) {
    long counted = 0;
    for (var mail : server.getReceivedMessages()) {
      try {
        counted += Long.parseLong(mail.getHeader("X-AlertMail-Count", null));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return counted;
  }
}

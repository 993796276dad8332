package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The sender thread against a server that is down and then back, on a virtual clock: the retry
 * waits for the clock, not for real minutes.
 */
class AlertSenderRetryTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-24T14:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final RecordingStatus sink = new RecordingStatus();
  private final List<String> status = sink.lines;

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  private static SenderConfig config(int port) {
    return SenderConfigs.plain(port, "ops@example.com");
  }

  private Alert alert(int order) {
    var event =
        new AlertEvent(
            now.get().toEpochMilli(),
            "ERROR",
            "com.shop.Orders",
            "order {} failed",
            "order " + order + " failed",
            "main",
            Map.of(),
            null);
    return new Alert(event, List.of(), "[shop] ERROR order " + order + " failed");
  }

  @Test
  void retriesOnTransientFailureThenDeliversOneMailWithEverythingHeldMeanwhile() throws Exception {
    int port = freePort(); // nobody listens yet: connection refused
    var sender = new AlertSender(config(port), sink, clock, new SplittableRandom(3));
    sender.start();
    sender.offer(alert(1));
    SenderThreads.await(
        () -> status.stream().anyMatch(s -> s.startsWith("WARN Will retry")),
        "the refused attempt schedules a retry: " + status);
    sender.offer(alert(2));
    sender.offer(alert(3));

    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    server.start();
    try {
      now.set(now.get().plus(Duration.ofMinutes(6))); // past any backoff
      SenderThreads.await(() -> server.getReceivedMessages().length == 1, "delivered: " + status);

      var mail = server.getReceivedMessages()[0];
      assertEquals("3", mail.getHeader("X-AlertMail-Count", null));
      assertEquals("[shop] ERROR order 1 failed (3 errors)", mail.getSubject());
      assertTrue(sender.stop(Duration.ofSeconds(5)));
      assertEquals(1, server.getReceivedMessages().length, "nothing left for a final mail");
    } finally {
      server.stop();
    }
  }
}

package dev.alertmail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.ThrowableInfo;
import dev.alertmail.alertmanager.FakeAlertmanager;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender thread as an Alertmanager client, against two replicas on the JDK's HTTP server and
 * GreenMail for the fallback, on a virtual clock: what Alertmanager and the inbox get.
 */
class AlertmanagerRouteTest {

  @RegisterExtension
  final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final RecordingStatus status = new RecordingStatus();
  private FakeAlertmanager am0;
  private FakeAlertmanager am1;
  private AlertSender sender;

  @BeforeEach
  void replicas() throws Exception {
    am0 = new FakeAlertmanager();
    am1 = new FakeAlertmanager();
  }

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.stop(Duration.ofSeconds(5));
    }
    am0.close();
    am1.close();
  }

  private AlertSender start(int smtpPort) {
    sender =
        new AlertSender(
            SenderConfigs.alertmanager(smtpPort, am0.url(), am1.url()),
            status,
            clock,
            new SplittableRandom(7));
    sender.start();
    return sender;
  }

  private Alert alert(String logger, String message) {
    var event =
        new AlertEvent(
            now.get().toEpochMilli(),
            "ERROR",
            logger,
            message,
            message,
            "worker-1",
            Map.of(),
            new ThrowableInfo(
                "java.sql.SQLException", "Connection refused", List.of(), 0, null, List.of()));
    return new Alert(event, List.of(), "[shop] ERROR " + message);
  }

  private static JsonObject byMessage(List<JsonObject> alerts, String message) {
    return alerts.stream()
        .filter(
            a -> a.getAsJsonObject("annotations").get("description").getAsString().equals(message))
        .findFirst()
        .orElseThrow(() -> new AssertionError(message + " not in " + alerts));
  }

  private void advance(Duration duration) {
    now.set(now.get().plus(duration));
  }

  @Test
  void eachProblemIsPostedToEveryReplicaAtOnceWithItsCount() throws Exception {
    start(0);
    for (int i = 0; i < 3; i++) {
      sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    }
    sender.offer(alert("com.shop.Checkout", "card declined"));
    SenderThreads.await(
        () ->
            !am0.posts().isEmpty()
                && !am1.posts().isEmpty()
                && am0.lastAlerts().stream()
                        .mapToLong(a -> a.getAsJsonObject("annotations").get("count").getAsLong())
                        .sum()
                    == 4,
        "both replicas got the problems: " + am0.posts() + status.lines);

    List<JsonObject> alerts = am1.lastAlerts();
    assertEquals(2, alerts.size());
    JsonObject pool = byMessage(alerts, "pool exhausted");
    assertEquals("3", pool.getAsJsonObject("annotations").get("count").getAsString());
    JsonObject labels = pool.getAsJsonObject("labels");
    assertEquals("ApplicationError", labels.get("alertname").getAsString());
    assertEquals("shop", labels.get("service").getAsString());
    assertEquals("prod", labels.get("env").getAsString());
    assertEquals("error", labels.get("severity").getAsString());
    assertEquals(12, labels.get("fingerprint").getAsString().length());
    assertEquals(
        "SQLException: Connection refused",
        pool.getAsJsonObject("annotations").get("root_cause").getAsString());
    assertEquals("2026-12-04T10:00:00Z", pool.get("startsAt").getAsString());
    assertEquals(0, greenMail.getReceivedMessages().length, "no mail: Alertmanager took it");
  }

  @Test
  void aReplicaThatIsDownCostsNothingButIsReported() throws Exception {
    am1.answer(503, "cluster not ready");
    start(0);
    sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    SenderThreads.await(
        () -> status.lines.stream().anyMatch(l -> l.contains("not to every replica")),
        "reported: " + status.lines);

    assertEquals(1, am0.posts().size());
    assertTrue(
        status.lines.stream().anyMatch(l -> l.contains(am1.url() + ": 503 cluster not ready")),
        status.lines.toString());
  }

  @Test
  void whenNoReplicaTakesANewProblemItIsMailedAfterFallbackAfter() throws Exception {
    am0.answer(503, "");
    am1.close();
    start(greenMail.getSmtp().getPort());
    sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    SenderThreads.await(() -> !am0.posts().isEmpty(), "tried: " + status.lines);
    assertEquals(0, greenMail.getReceivedMessages().length, "not before fallbackAfter");

    advance(Duration.ofMinutes(2));
    SenderThreads.await(
        () -> greenMail.getReceivedMessages().length == 1, "the fallback mail: " + status.lines);
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertTrue(mail.getSubject().endsWith("(Alertmanager unreachable)"), mail.getSubject());
    assertEquals("2", mail.getHeader("X-AlertMail-Count", null));
    assertTrue(
        status.lines.stream().anyMatch(l -> l.contains("Could not post") && l.contains("503")),
        status.lines.toString());
  }

  @Test
  void aBatchRefusedAsMalformedIsReportedAndNotRetried() throws Exception {
    am0.answer(400, "{\"code\":400,\"message\":\"bad label\"}");
    am1.answer(400, "{\"code\":400,\"message\":\"bad label\"}");
    start(0);
    sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    SenderThreads.await(
        () -> status.lines.stream().anyMatch(l -> l.contains("refused")), "" + status.lines);

    assertEquals(1, am0.posts().size());
    assertTrue(
        status.lines.stream().anyMatch(l -> l.contains("not retried") && l.contains("bad label")),
        status.lines.toString());

    // not retried with backoff (ActiveAlertsTest shows the schedule); the next refresh sends it
    advance(Duration.ofSeconds(60));
    SenderThreads.await(() -> am0.posts().size() == 2, "the refresh posts again");
  }

  @Test
  void aQuietProblemIsResolvedAndAStopSendsFinalCountsWithoutResolving() throws Exception {
    start(0);
    sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    // the answer is read before the clock moves on: the refresh is scheduled from it
    SenderThreads.await(
        () -> status.lines.stream().anyMatch(l -> l.contains("Posted 1 alert")), "firing");
    Instant lastEvent = now.get();

    advance(Duration.ofMinutes(5));
    SenderThreads.await(() -> am0.posts().size() == 2, "resolved: " + status.lines);
    JsonObject resolved = am0.lastAlerts().get(0);
    assertEquals(
        lastEvent.toString().replace(":00Z", ":00Z"), resolved.get("endsAt").getAsString());

    sender.offer(alert("com.shop.Checkout", "card declined"));
    SenderThreads.await(() -> am0.posts().size() == 3, "the new problem: " + status.lines);
    assertTrue(sender.stop(Duration.ofSeconds(5)));
    sender = null;
    List<JsonObject> last = am0.lastAlerts();
    JsonObject declined = byMessage(last, "card declined");
    assertTrue(
        Instant.parse(declined.get("endsAt").getAsString()).isAfter(now.get()),
        "still firing at shutdown: " + declined);
    JsonObject pool = byMessage(last, "pool exhausted");
    assertEquals(
        lastEvent.toString(),
        pool.get("endsAt").getAsString(),
        "resolved stays resolved: a last post that fired it again would notify again");
  }

  @Test
  void whenNoReplicaTakesTheLastPostItsProblemsAreMailedNotLost() throws Exception {
    am0.answer(503, "");
    am1.close();
    start(greenMail.getSmtp().getPort());
    sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    sender.offer(alert("com.shop.db.Pool", "pool exhausted"));
    SenderThreads.await(() -> !am0.posts().isEmpty(), "tried");

    assertTrue(sender.stop(Duration.ofSeconds(20)), status.lines.toString());
    sender = null;
    assertEquals(1, greenMail.getReceivedMessages().length, "mailed at stop, before fallbackAfter");
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertEquals("2", mail.getHeader("X-AlertMail-Count", null));
    assertTrue(mail.getSubject().endsWith("(Alertmanager unreachable)"), mail.getSubject());
  }
}

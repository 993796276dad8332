package dev.alertmail.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.ThrowableInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The schedule of an Alertmanager client, on a virtual clock. */
class ActiveAlertsTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private static final Duration REFRESH = Duration.ofSeconds(60);

  static AlertmanagerConfig config(Duration fallbackAfter) {
    return new AlertmanagerConfig(
        List.of(URI.create("http://127.0.0.1:9093/")),
        Map.of("env", "prod"),
        REFRESH,
        Duration.ofMinutes(5),
        fallbackAfter,
        "https://logs.example.com/?q={fingerprint}&host={instance}",
        null,
        null,
        null,
        null,
        Duration.ofSeconds(2));
  }

  static Alert alert(String message, Instant at) {
    var event =
        new AlertEvent(
            at.toEpochMilli(),
            "ERROR",
            "com.shop.db.Pool",
            "pool exhausted on {}",
            message,
            "worker-7",
            Map.of("orderId", "42"),
            new ThrowableInfo(
                "java.lang.IllegalStateException",
                "no connection",
                List.of("com.shop.db.Pool.take(Pool.java:12)", "org.framework.Run.run(Run.java:1)"),
                0,
                new ThrowableInfo(
                    "java.sql.SQLException", "Connection refused", List.of(), 0, null, List.of()),
                List.of()));
    return new Alert(event, List.of(), "[shop] ERROR c.s.db.Pool: pool exhausted on \u2026");
  }

  private final ActiveAlerts alerts =
      new ActiveAlerts(
          config(Duration.ofMinutes(2)),
          "shop",
          "app1",
          List.of(),
          "example.com",
          new SplittableRandom(1));

  @Test
  void aNewProblemIsDueAtOnceWithItsLabelsAndContent() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    ActiveAlerts.Post post = alerts.due(T0);

    assertNotNull(post);
    PostableAlert posted = post.alerts().get(0);
    assertEquals("ApplicationError", posted.labels().get("alertname"));
    assertEquals("shop", posted.labels().get("service"));
    assertEquals("app1", posted.labels().get("instance"));
    assertEquals("error", posted.labels().get("severity"));
    assertEquals("prod", posted.labels().get("env"));
    assertEquals(post.fingerprints().get(0), posted.labels().get("fingerprint"));
    assertEquals(6, posted.labels().size(), "no message, count, time, thread or MDC: " + posted);
    assertEquals("1", posted.annotations().get("count"));
    assertEquals("SQLException: Connection refused", posted.annotations().get("root_cause"));
    assertEquals("IllegalStateException: no connection", posted.annotations().get("cause"));
    assertEquals("com.shop.db.Pool.take(Pool.java:12)", posted.annotations().get("where"));
    assertEquals(
        dev.alertmail.alert.Conversation.root("shop", post.fingerprints().get(0), "example.com"),
        posted.annotations().get("thread_root"),
        "the conversation of AlertMail's own mail about the problem");
    assertEquals(T0, posted.startsAt());
    assertEquals(T0.plus(REFRESH.multipliedBy(4)), posted.endsAt());
    assertEquals(
        "https://logs.example.com/?q=" + post.fingerprints().get(0) + "&host=app1",
        posted.generatorUrl());
  }

  @Test
  void refreshesEveryIntervalWithTheCountsAndNothingInBetween() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.ACCEPTED, T0);
    Instant later = T0.plusSeconds(30);
    alerts.accept(alert("pool exhausted on db2", later), later);
    String fingerprint = alerts.due(T0.plusSeconds(60)).fingerprints().get(0);
    alerts.counted(fingerprint, 10, later, later);

    assertNull(alerts.due(T0.plusSeconds(59)), "a known problem waits for the refresh");
    ActiveAlerts.Post refresh = alerts.due(T0.plusSeconds(60));
    assertEquals("12", refresh.alerts().get(0).annotations().get("count"));
    assertEquals(T0, refresh.alerts().get(0).startsAt());
    assertEquals(T0.plusSeconds(60 + 240), refresh.alerts().get(0).endsAt());
  }

  @Test
  void aQuietProblemIsResolvedAtItsLastEventForThreePostsThenForgotten() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    Instant last = T0.plusSeconds(10);
    alerts.accept(alert("pool exhausted on db1", last), last);
    alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.ACCEPTED, last);

    Instant now = last.plus(Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      ActiveAlerts.Post post = alerts.due(now);
      assertNotNull(post, "resolve post " + i);
      assertEquals(List.of(true), post.resolving());
      assertEquals(last, post.alerts().get(0).endsAt(), "ends at its last event");
      alerts.posted(post, ActiveAlerts.Outcome.ACCEPTED, now);
      now = now.plus(REFRESH);
    }
    assertEquals(0, alerts.size());
    assertNull(alerts.due(now));
  }

  @Test
  void aProblemThatReturnsAfterItsResolutionIsANewIncident() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.ACCEPTED, T0);
    Instant back = T0.plus(Duration.ofMinutes(7));
    alerts.accept(alert("pool exhausted on db1", back), back);

    ActiveAlerts.Post post = alerts.due(back);
    assertEquals(back, post.alerts().get(0).startsAt());
    assertEquals("1", post.alerts().get(0).annotations().get("count"));
    assertEquals(List.of(false), post.resolving());
  }

  @Test
  void aFailedPostIsRetriedWithBackoffCappedAtTheRefresh() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    Instant now = T0;
    Duration longest = Duration.ZERO;
    for (int i = 0; i < 12; i++) {
      ActiveAlerts.Post post = alerts.due(now);
      assertNotNull(post, "attempt " + i);
      Duration delay = alerts.posted(post, ActiveAlerts.Outcome.FAILED, now);
      assertNull(alerts.due(now.plus(delay).minusMillis(1)), "waits its backoff");
      longest = delay.compareTo(longest) > 0 ? delay : longest;
      now = now.plus(delay);
    }
    assertTrue(longest.compareTo(REFRESH) <= 0, longest.toString());
    assertTrue(longest.compareTo(REFRESH.dividedBy(2)) >= 0, longest.toString());
  }

  @Test
  void aRefusedPostIsNotRetriedUntilTheNextRefresh() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    assertNull(alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.REFUSED, T0));

    assertNull(alerts.due(T0.plusSeconds(59)));
    assertNotNull(alerts.due(T0.plusSeconds(60)));
  }

  @Test
  void aProblemNoReplicaTookWithinFallbackAfterIsHandedToMailOnce() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.FAILED, T0);

    assertEquals(List.of(), alerts.fallbacks(T0.plusSeconds(119)));
    assertFalse(alerts.nextWakeup(T0.plusSeconds(100)).isAfter(T0.plusSeconds(120)));
    List<ActiveAlerts.Fallback> due = alerts.fallbacks(T0.plusSeconds(120));
    assertEquals(1, due.size());
    assertEquals(2, due.get(0).count());
    assertTrue(alerts.mailing(due.get(0).fingerprint()));
    assertEquals(List.of(), alerts.fallbacks(T0.plusSeconds(300)), "once");

    alerts.posted(alerts.due(T0.plusSeconds(600)), ActiveAlerts.Outcome.ACCEPTED, T0);
    assertFalse(alerts.mailing(due.get(0).fingerprint()), "a replica took it: mail stops");
  }

  @Test
  void theLastPostAtShutdownResolvesNothingStillFiringAndNeverRefiresWhatWasResolved() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    var firing =
        new AlertEvent(
            T0.plusSeconds(3_000).toEpochMilli(),
            "ERROR",
            "com.shop.Other",
            "x",
            "x",
            "main",
            Map.of(),
            null);
    Instant shutdown = T0.plus(Duration.ofHours(1));
    alerts.accept(new Alert(firing, List.of(), "x"), shutdown.minusSeconds(10));

    ActiveAlerts.Post last = alerts.last(shutdown);
    int quiet =
        last.alerts().get(0).labels().get("fingerprint").equals(last.fingerprints().get(0)) ? 0 : 1;
    assertEquals(
        List.of(true, false), last.resolving(), "the quiet one resolved, the other firing");
    assertEquals(T0, last.alerts().get(quiet).endsAt(), "a resolved alert ends at its last event");
    assertTrue(last.alerts().get(1).endsAt().isAfter(shutdown));
  }

  @Test
  void evictionSaysWhatNoPostCarriedYet() {
    for (int i = 0; i < ActiveAlerts.MAX_PROBLEMS; i++) {
      alerts.accept(kind(i), T0);
    }
    alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.ACCEPTED, T0);
    String first = alerts.due(T0.plusSeconds(60)).fingerprints().get(0);
    alerts.counted(first, 50, T0.plusSeconds(1), T0.plusSeconds(1));
    alerts.accept(kind(ActiveAlerts.MAX_PROBLEMS), T0.plusSeconds(2)); // evicts a taken one

    ActiveAlerts.Post next = alerts.due(T0.plusSeconds(2));
    long said =
        next.alerts().stream().mapToLong(a -> Long.parseLong(a.annotations().get("count"))).sum()
            + Long.parseLong(next.alerts().get(0).annotations().getOrDefault("dropped", "0"));
    // the evicted problem (the one quiet longest that a replica took) had its one event in the
    // first post; every other event is in this post's counts or its dropped
    assertEquals(ActiveAlerts.MAX_PROBLEMS + 1 + 50 - 1, said, "every event said once");
  }

  @Test
  void aProblemEvictedBeforeAnyReplicaTookItGoesToMail() {
    for (int i = 0; i <= ActiveAlerts.MAX_PROBLEMS; i++) {
      alerts.accept(kind(i), T0);
    }
    List<ActiveAlerts.Fallback> mailed = alerts.fallbacks(T0);
    assertEquals(1, mailed.size());
    assertEquals(1, mailed.get(0).count());
  }

  @Test
  void aPostSomeReplicaMissedIsPostedAgainSoon() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.ACCEPTED, false, T0);

    Instant soon = alerts.nextWakeup(T0);
    assertTrue(soon.isBefore(T0.plusSeconds(2)), soon.toString());
    assertNotNull(alerts.due(soon));
  }

  @Test
  void aClockThatSteppedBackDoesNotHoldTheRefreshBack() {
    alerts.accept(alert("pool exhausted on db1", T0), T0);
    alerts.posted(alerts.due(T0), ActiveAlerts.Outcome.ACCEPTED, T0);
    Instant oneHourBack = T0.minus(Duration.ofHours(1));

    assertNotNull(alerts.due(oneHourBack));
  }

  private static Alert kind(int i) {
    var event =
        new AlertEvent(
            T0.toEpochMilli(),
            "ERROR",
            "com.shop.Kind" + i,
            "kind " + i,
            "kind " + i,
            "main",
            Map.of(),
            null);
    return new Alert(event, List.of(), "kind " + i);
  }

  @Test
  void memoryIsBoundedByEvictingTheProblemQuietLongest() {
    for (int i = 0; i < ActiveAlerts.MAX_PROBLEMS + 10; i++) {
      var event =
          new AlertEvent(
              T0.toEpochMilli(),
              "ERROR",
              "com.shop.Kind" + i,
              "kind " + i,
              "kind " + i,
              "main",
              Map.of(),
              null);
      alerts.accept(new Alert(event, List.of(), "kind " + i), T0.plusMillis(i));
    }
    assertEquals(ActiveAlerts.MAX_PROBLEMS, alerts.size());
  }
}

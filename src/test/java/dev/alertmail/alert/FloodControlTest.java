package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Flood control on a virtual clock: time only moves when the test moves it. */
class FloodControlTest {

  private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
  private static final FloodPolicy DEFAULTS = FloodPolicy.DEFAULTS;

  private Instant now = T0;
  private final List<Digest> mailed = new ArrayList<>();

  private FloodControl flood(FloodPolicy policy) {
    return new FloodControl(policy, now, new SplittableRandom(1));
  }

  private void advance(Duration by) {
    now = now.plus(by);
  }

  /** The sender's part: send what is due and report success. */
  private void deliverDue(FloodControl flood) {
    for (Optional<Digest> due = flood.poll(now); due.isPresent(); due = flood.poll(now)) {
      mailed.add(due.get());
      flood.delivered(due.get(), now);
    }
  }

  private long mailedCount() {
    return mailed.stream().mapToLong(Digest::triggeringEvents).sum();
  }

  @Test
  void aBurstBecomesOneMailAfterTheGroupWait() {
    FloodControl flood = flood(DEFAULTS);
    for (int i = 0; i < 1_000; i++) {
      flood.accept(Alerts.of(i % 3 == 0 ? "deadlock" : "timeout", now, i), now);
      advance(Duration.ofMillis(5));
    }
    deliverDue(flood);
    assertEquals(List.of(), mailed, "the group is still open");
    assertEquals(T0.plusSeconds(10), flood.nextWakeup(now));

    advance(Duration.ofSeconds(10));
    deliverDue(flood);

    assertEquals(1, mailed.size());
    Digest digest = mailed.get(0);
    assertEquals(1_000, digest.triggeringEvents());
    assertEquals(2, digest.kinds());
    assertEquals(666, digest.entries().get(0).count(), "most frequent first");
    assertEquals(334, digest.entries().get(1).count());
    assertEquals(T0.plusMillis(5), digest.entries().get(0).firstSeen());
  }

  @Test
  void aSteadyFloodRespectsTheRateLimitAndAccountsForEveryEvent() {
    FloodControl flood =
        flood(new FloodPolicy(Duration.ofSeconds(10), 12, Duration.ofHours(1), Duration.ZERO));
    long logged = 0;
    // one error every second for three hours
    for (int second = 0; second < 3 * 3600; second++) {
      flood.accept(Alerts.of("timeout", now, second), now);
      logged++;
      deliverDue(flood);
      advance(Duration.ofSeconds(1));
    }
    mailed.add(flood.drain().orElseThrow());

    // 12 at once, then one token every 5 minutes: 12 + 3 * 12 in three hours, plus the last mail
    assertTrue(mailed.size() <= 12 + 36 + 1, "mails: " + mailed.size());
    assertTrue(mailed.size() >= 36, "mails: " + mailed.size());
    assertEquals(logged, mailedCount());
    assertTrue(
        mailed.stream().skip(12).limit(10).allMatch(d -> d.heldBackSince() != null),
        "mails after the burst say since when they were held back");
  }

  @Test
  void aProblemMailedWithinTheDedupWindowIsCountedThenReportedWhenTheWindowEnds() {
    FloodControl flood = flood(DEFAULTS);
    flood.accept(Alerts.of("timeout", now, 1), now);
    advance(Duration.ofSeconds(10));
    deliverDue(flood);
    assertEquals(1, mailed.size());
    Instant firstMail = now;

    for (int i = 0; i < 310; i++) {
      advance(Duration.ofSeconds(5));
      flood.accept(Alerts.of("timeout", now, i), now);
      deliverDue(flood);
    }
    assertEquals(1, mailed.size(), "repeats cause no mail by themselves");
    assertEquals(firstMail.plus(Duration.ofHours(1)), flood.nextWakeup(now));

    now = firstMail.plus(Duration.ofHours(1));
    deliverDue(flood);

    assertEquals(2, mailed.size());
    DigestEntry still = mailed.get(1).entries().get(0);
    assertTrue(still.isRepeat());
    assertEquals(310, still.count());
    assertEquals(firstMail, still.mailedAt());
    assertEquals(311, mailedCount());
  }

  @Test
  void repeatsRideAlongWithTheNextMailThatGoesOutAnyway() {
    FloodControl flood = flood(DEFAULTS);
    flood.accept(Alerts.of("timeout", now, 1), now);
    advance(Duration.ofSeconds(10));
    deliverDue(flood);
    for (int i = 0; i < 5; i++) {
      flood.accept(Alerts.of("timeout", now, i), now);
    }
    flood.accept(Alerts.of("deadlock", now, 9), now);
    advance(Duration.ofSeconds(10));
    deliverDue(flood);

    assertEquals(2, mailed.size());
    Digest second = mailed.get(1);
    assertEquals(6, second.triggeringEvents());
    assertFalse(second.entries().get(0).isRepeat(), "the new problem comes first");
    assertTrue(second.entries().get(1).isRepeat());
    assertEquals(5, second.entries().get(1).count());
  }

  @Test
  void aServerDownForAWhileThenBackReceivesTheHeldDigest() {
    FloodControl flood = flood(DEFAULTS);
    flood.accept(Alerts.of("timeout", now, 1), now);
    advance(Duration.ofSeconds(10));
    List<Duration> delays = new ArrayList<>();
    long logged = 1;
    // the server is down for about 20 minutes; errors keep coming
    while (now.isBefore(T0.plus(Duration.ofMinutes(20)))) {
      Optional<Digest> due = flood.poll(now);
      if (due.isPresent()) {
        delays.add(flood.retryLater(due.get(), now));
      }
      advance(Duration.ofSeconds(30));
      flood.accept(Alerts.of("timeout", now, (int) logged), now);
      logged++;
    }
    assertTrue(delays.size() >= 5, "retried: " + delays);
    assertTrue(
        delays.get(1).compareTo(delays.get(0)) > 0 || delays.get(2).compareTo(delays.get(0)) > 0);
    assertTrue(delays.stream().allMatch(d -> d.compareTo(Duration.ofMinutes(5)) <= 0), "capped");

    advance(Duration.ofMinutes(5)); // past any backoff; the server is back
    deliverDue(flood);

    assertEquals(1, mailed.size(), "one digest carries the whole outage");
    assertEquals(logged, mailed.get(0).triggeringEvents());
    assertNull(flood.nextWakeup(now));
  }

  @Test
  void stopFlushesEverythingDespiteAnEmptyBucket() {
    FloodControl flood =
        flood(new FloodPolicy(Duration.ZERO, 1, Duration.ofHours(1), Duration.ZERO));
    flood.accept(Alerts.of("timeout", now, 1), now);
    deliverDue(flood);
    for (int i = 0; i < 50; i++) {
      flood.accept(Alerts.of("deadlock", now, i), now);
    }
    flood.dropped(7, now);
    deliverDue(flood);
    assertEquals(1, mailed.size(), "the bucket is empty");

    Digest last = flood.drain().orElseThrow();

    assertEquals(57, last.triggeringEvents());
    assertEquals(7, last.droppedEvents());
    assertEquals(Optional.empty(), flood.drain());
  }

  @Test
  void distinctProblemsBeyondTheBoundAreCountedNotKept() {
    FloodControl flood = flood(DEFAULTS);
    for (int i = 0; i < 10_000; i++) {
      flood.accept(Alerts.of("problem " + i, now, i), now);
    }
    Digest digest = flood.drain().orElseThrow();
    assertEquals(FloodControl.MAX_ENTRIES, digest.entries().size());
    assertEquals(10_000 - FloodControl.MAX_ENTRIES, digest.otherEvents());
    assertEquals(FloodControl.MAX_TRACKED, digest.otherKinds());
    assertEquals(10_000, digest.triggeringEvents());
  }
}

package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The biggest problem of an incident is always in its mail with a sample, whatever the order in
 * which the problems arrived, while memory stays bounded and every event stays counted.
 */
class FloodHeavyHittersTest {

  private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");

  @Test
  void aFrequentProblemArrivingAfterManyRareOnesLeadsTheMail() {
    Instant now = T0;
    FloodControl flood = new FloodControl(FloodPolicy.DEFAULTS, now, new SplittableRandom(1));
    for (int i = 0; i < 25; i++) {
      flood.accept(Alerts.of("Minor glitch " + i, now, i), now);
    }
    for (int i = 0; i < 500; i++) {
      flood.accept(Alerts.of("Database down", now, i), now);
    }

    Digest digest = flood.poll(now.plus(Duration.ofSeconds(10))).orElseThrow();

    DigestEntry first = digest.entries().get(0);
    assertEquals("Database down on order {}", first.sample().trigger().messageTemplate());
    assertEquals(500, first.count());
    assertEquals(FloodControl.MAX_ENTRIES, digest.entries().size());
    assertEquals(1, digest.otherKinds(), "the rare problem it displaced is counted");
    assertEquals(1, digest.otherEvents());
    assertEquals(525, digest.triggeringEvents());
  }

  @Test
  void theMostFrequentProblemIsShownWhateverTheOrderOfArrival() {
    for (long seed = 0; seed < 300; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      int kinds = random.nextInt(2, 300);
      List<String> arrivals = new ArrayList<>();
      int highest = 0;
      for (int kind = 1; kind < kinds; kind++) {
        int count = random.nextInt(1, 40);
        highest = Math.max(highest, count);
        for (int i = 0; i < count; i++) {
          arrivals.add("kind " + kind);
        }
      }
      int dominant = highest + random.nextInt(1, 20);
      for (int i = 0; i < dominant; i++) {
        arrivals.add("dominant");
      }
      Collections.shuffle(arrivals, new Random(seed));

      Instant now = T0;
      FloodControl flood = new FloodControl(FloodPolicy.DEFAULTS, now, new SplittableRandom(seed));
      for (int i = 0; i < arrivals.size(); i++) {
        flood.accept(Alerts.of(arrivals.get(i), now, i), now);
        now = now.plusMillis(1);
      }
      Digest digest = flood.poll(T0.plus(Duration.ofMinutes(1))).orElseThrow();

      DigestEntry first = digest.entries().get(0);
      String where = "seed " + seed + ", " + kinds + " kinds";
      assertEquals("dominant on order {}", first.sample().trigger().messageTemplate(), where);
      assertEquals(dominant, first.count(), where);
      assertTrue(digest.entries().size() <= FloodControl.MAX_ENTRIES, where);
      assertEquals(arrivals.size(), digest.triggeringEvents(), where);
      assertEquals(kinds, digest.kinds(), where);
    }
  }

  @Test
  void aFrequentProblemAfterMoreRareKindsThanAreTrackedStillLeadsTheMail() {
    Instant now = T0;
    FloodControl flood = new FloodControl(FloodPolicy.DEFAULTS, now, new SplittableRandom(1));
    for (int i = 0; i < 1_100; i++) {
      flood.accept(Alerts.of("rare " + i, now, i), now);
    }
    for (int i = 0; i < 500; i++) {
      flood.accept(Alerts.of("Database down", now, i), now);
    }

    Digest digest = flood.poll(now.plus(Duration.ofSeconds(10))).orElseThrow();

    assertEquals("Database down on order {}", digest.first().trigger().messageTemplate());
    assertEquals(500, digest.entries().get(0).count());
    assertEquals(1_600, digest.triggeringEvents());
  }

  @Test
  void aRetriedMailCountsTheKindsItOnlyCountedExactly() {
    Instant now = T0;
    FloodControl flood = new FloodControl(FloodPolicy.DEFAULTS, now, new SplittableRandom(1));
    for (int i = 0; i < 30; i++) {
      flood.accept(Alerts.of("kind " + i, now, i), now);
    }
    Digest failed = flood.poll(now.plus(Duration.ofSeconds(10))).orElseThrow();
    assertEquals(30, failed.kinds());
    flood.retryLater(failed, now.plus(Duration.ofSeconds(10)));
    String counted = "kind 29"; // arrived when 25 were kept: counted without a sample
    for (int i = 0; i < 5; i++) {
      flood.accept(Alerts.of(counted, now, i), now.plus(Duration.ofSeconds(11)));
    }

    Digest retried = flood.poll(now.plus(Duration.ofMinutes(10))).orElseThrow();

    assertEquals(30, retried.kinds());
    assertEquals(35, retried.triggeringEvents());
    assertEquals(
        6,
        retried.entries().stream()
            .filter(e -> e.sample().trigger().message().startsWith(counted))
            .findFirst()
            .orElseThrow()
            .count(),
        "it overtook a kept kind with its exact count");
  }

  @Test
  void onlyAMailWithAProblemNeverMailedBeforeIsNews() {
    Instant now = T0;
    FloodControl flood = new FloodControl(FloodPolicy.DEFAULTS, now, new SplittableRandom(1));
    flood.accept(Alerts.of("database down", now, 1), now);
    now = now.plus(Duration.ofSeconds(10));
    Digest first = flood.poll(now).orElseThrow();
    flood.delivered(first, now);
    for (int i = 0; i < 3; i++) {
      flood.accept(Alerts.of("database down", now, i), now);
    }
    now = now.plus(Duration.ofHours(1));
    Digest stillHappening = flood.poll(now).orElseThrow();
    flood.delivered(stillHappening, now);
    flood.accept(Alerts.of("disk full", now, 1), now);
    Digest another = flood.poll(now.plus(Duration.ofSeconds(10))).orElseThrow();

    assertTrue(first.news());
    assertEquals(false, stillHappening.news());
    assertTrue(another.news());
  }

  @Test
  void anAlertOfAProblemAlreadyPendingIsCountedWithoutBeingBuilt() {
    Instant now = T0;
    FloodControl flood = new FloodControl(FloodPolicy.DEFAULTS, now, new SplittableRandom(1));
    Alert first = Alerts.of("database down", now, 1);
    String fingerprint = Fingerprint.of(first.trigger());
    int[] built = {0};
    AlertSource source =
        new AlertSource() {
          @Override
          public Alert toAlert() {
            built[0]++;
            return first;
          }

          @Override
          public String fingerprint() {
            return fingerprint;
          }

          @Override
          public long timestampMillis() {
            return first.trigger().timestampMillis();
          }
        };
    for (int i = 0; i < 1_000; i++) {
      flood.accept(source, now);
    }

    Digest digest = flood.poll(now.plus(Duration.ofSeconds(10))).orElseThrow();

    assertEquals(1, built[0], "only the first one, which became the sample");
    assertEquals(1_000, digest.entries().get(0).count());
    assertEquals(1_000, digest.triggeringEvents());
  }
}

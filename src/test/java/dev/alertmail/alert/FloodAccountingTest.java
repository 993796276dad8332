package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The accounting invariant over many generated schedules: every triggering event ends up counted in
 * exactly one mail that was delivered, or in one reported as lost, once the appender stops.
 */
class FloodAccountingTest {

  @Test
  void everyTriggeringEventIsAccountedForExactlyOnce() {
    for (long seed = 0; seed < 500; seed++) {
      check(seed);
    }
  }

  private static void check(long seed) {
    var random = new SplittableRandom(seed);
    var policy =
        new FloodPolicy(
            Duration.ofSeconds(random.nextInt(0, 30)),
            random.nextInt(1, 20),
            Duration.ofMinutes(random.nextInt(1, 120)),
            Duration.ofMinutes(random.nextInt(0, 90)));
    Instant now = Instant.parse("2026-11-24T00:00:00Z");
    var flood = new FloodControl(policy, now, new SplittableRandom(seed));
    int kinds = random.nextInt(1, 40);
    double failureRate = random.nextDouble(0, 0.6);
    long offered = 0;
    long delivered = 0;
    long lost = 0;
    int steps = random.nextInt(10, 2_000);
    for (int step = 0; step < steps; step++) {
      now = now.plusMillis(random.nextLong(0, 120_000));
      int burst = random.nextInt(0, 20);
      for (int i = 0; i < burst; i++) {
        flood.accept(Alerts.of("problem " + random.nextInt(kinds), now, i), now);
        offered++;
      }
      if (random.nextInt(10) == 0) {
        long drops = random.nextInt(1, 50);
        flood.dropped(drops, now);
        offered += drops;
      }
      for (Optional<Digest> due = flood.poll(now); due.isPresent(); due = flood.poll(now)) {
        Digest digest = due.get();
        double roll = random.nextDouble();
        if (roll < failureRate * 0.8) {
          flood.retryLater(digest, now);
        } else if (roll < failureRate) {
          flood.lost(digest);
          lost += digest.triggeringEvents();
        } else {
          flood.delivered(digest, now);
          delivered += digest.triggeringEvents();
        }
      }
    }
    Optional<Digest> last = flood.drain();
    if (last.isPresent()) {
      delivered += last.get().triggeringEvents();
    }
    assertEquals(offered, delivered + lost, "seed " + seed);
    assertEquals(0, flood.pendingEvents(), "seed " + seed);
  }
}

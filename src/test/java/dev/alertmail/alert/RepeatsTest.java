package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dedup memory on a virtual clock. */
class RepeatsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T15:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);

  private static DigestEntry repeat(String problem, long count, Instant mailedAt) {
    Alert sample = Alerts.of(problem, mailedAt, 0);
    DigestEntry once = DigestEntry.of(sample);
    return new DigestEntry(once.fingerprint(), count, mailedAt, mailedAt, sample, mailedAt);
  }

  @Test
  void aProblemIsCountedAsARepeatOnlyWithinItsWindow() {
    Repeats repeats = new Repeats(WINDOW);
    DigestEntry first = repeat("timeout", 1, T0);
    assertFalse(repeats.count(first.fingerprint(), 5, T0, T0), "never mailed: not a repeat");
    repeats.remember(first.fingerprint(), first.sample(), T0);

    // counted without an alert after its mail went out: a repeat of its own, named, not "other"
    assertTrue(repeats.count(first.fingerprint(), 5, T0, T0));
    repeats.add(first);
    assertTrue(repeats.count(first.fingerprint(), 5, T0.plusSeconds(1), T0.plusSeconds(1)));
    assertEquals(11, repeats.events());
    List<DigestEntry> named = repeats.takeAll();
    assertEquals(1, named.size(), "one problem");
    named.forEach(repeats::add);
    assertEquals(T0.plus(WINDOW), repeats.nextEnd());
    assertFalse(
        repeats.count(first.fingerprint(), 1, T0.plus(WINDOW), T0.plus(WINDOW)),
        "the window has ended: the caller places the events elsewhere");

    assertEquals(List.of(), repeats.takeEnded(T0.plus(WINDOW).minusMillis(1)));
    List<DigestEntry> ended = repeats.takeEnded(T0.plus(WINDOW));
    assertEquals(1, ended.size());
    assertEquals(11, ended.get(0).count());
    assertTrue(repeats.isEmpty());
    assertNull(repeats.nextEnd());
  }

  @Test
  void endedRepeatsComeMostFrequentFirstAndTheOthersStay() {
    Repeats repeats = new Repeats(WINDOW);
    repeats.add(repeat("rare", 2, T0));
    repeats.add(repeat("frequent", 9, T0.plusSeconds(1)));
    repeats.add(repeat("later", 50, T0.plusSeconds(120)));

    List<DigestEntry> ended = repeats.takeEnded(T0.plus(WINDOW).plusSeconds(1));

    assertEquals(List.of(9L, 2L), ended.stream().map(DigestEntry::count).toList());
    assertEquals(50, repeats.events());
    assertEquals(T0.plusSeconds(120).plus(WINDOW), repeats.nextEnd());
  }

  @Test
  void memoryIsBoundedAndEveryRepeatStaysCounted() {
    Repeats repeats = new Repeats(WINDOW);
    int problems = FloodControl.MAX_TRACKED + 10;
    for (int i = 0; i < problems; i++) {
      DigestEntry entry = repeat("problem " + i, 3, T0);
      repeats.remember(entry.fingerprint(), entry.sample(), T0);
      repeats.add(entry);
    }

    assertEquals(3L * problems, repeats.events());
    assertFalse(repeats.wasMailed(repeat("problem 0", 1, T0).fingerprint()), "least recent gone");
    assertTrue(repeats.wasMailed(repeat("problem " + (problems - 1), 1, T0).fingerprint()));
    assertEquals(FloodControl.MAX_TRACKED, repeats.takeAll().size());
    assertEquals(30, repeats.takeUntracked());
    assertTrue(repeats.isEmpty());
  }

  @Test
  void aZeroWindowRemembersNothing() {
    Repeats repeats = new Repeats(Duration.ZERO);
    DigestEntry entry = repeat("timeout", 1, T0);
    String fingerprint = entry.fingerprint();
    repeats.remember(fingerprint, entry.sample(), T0);

    assertFalse(repeats.wasMailed(fingerprint));
    assertNull(repeats.mailedWithinWindow(fingerprint, T0));
  }
}

package dev.alertmail.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dedup memory: when each problem was last mailed, and the events of problems mailed within
 * {@code dedupWindow} counted since, which a mail reports as "still happening" once the window
 * ends. Bounded: at most {@link FloodControl#MAX_TRACKED} mailings are remembered (the least
 * recently seen is forgotten) and as many problems counted by name; further repeats count in a
 * total. A window of zero remembers nothing, so every mail is news.
 */
final class Repeats {

  private final Duration window;
  // access order: the eldest is the problem seen least recently
  private final Map<String, Mailed> mailed = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<String, DigestEntry> counting = new LinkedHashMap<>();
  private long untracked;

  /** When a problem was mailed, and its trigger, the sample of its repeats counted later. */
  private record Mailed(Instant at, Alert sample) {}

  Repeats(Duration window) {
    this.window = window;
  }

  /** {@return when the problem was mailed, if within the window; null otherwise} */
  Instant mailedWithinWindow(String fingerprint, Instant now) {
    if (window.isZero()) {
      return null;
    }
    Mailed at = mailed.get(fingerprint);
    return at != null && now.isBefore(at.at().plus(window)) ? at.at() : null;
  }

  /** {@return whether the problem was ever mailed, as far as the bounded memory reaches} */
  boolean wasMailed(String fingerprint) {
    return mailed.containsKey(fingerprint);
  }

  /**
   * The problem was mailed now: its window starts (or restarts). Its trigger is kept, without
   * context, as the sample of repeats counted later without an alert of their own.
   */
  void remember(String fingerprint, Alert sample, Instant now) {
    if (window.isZero()) {
      return;
    }
    mailed.put(
        fingerprint, new Mailed(now, new Alert(sample.trigger(), List.of(), sample.subject())));
    if (mailed.size() > FloodControl.MAX_TRACKED) {
      var eldest = mailed.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /**
   * Counts events of a problem that is being counted as a repeat and still within its window.
   *
   * @return false when it is not, and the caller must place the events elsewhere
   */
  boolean count(String fingerprint, long count, Instant at, Instant now) {
    Instant mailedAt = mailedWithinWindow(fingerprint, now);
    if (mailedAt == null) {
      return false;
    }
    DigestEntry repeat = counting.get(fingerprint);
    if (repeat != null) {
      counting.put(fingerprint, repeat.plus(count, at));
    } else {
      // counted on the logging threads after its mail went out: a repeat of its own problem,
      // with the trigger that was mailed as its sample, not an unnamed other kind
      add(new DigestEntry(fingerprint, count, at, at, mailed.get(fingerprint).sample(), mailedAt));
    }
    return true;
  }

  /** Counts a repeat, with its sample when it is the first of its problem. */
  void add(DigestEntry repeat) {
    DigestEntry known = counting.get(repeat.fingerprint());
    if (known != null) {
      counting.put(repeat.fingerprint(), known.plus(repeat));
    } else if (counting.size() < FloodControl.MAX_TRACKED) {
      counting.put(repeat.fingerprint(), repeat);
    } else {
      untracked += repeat.count();
    }
  }

  /** {@return the repeats whose window has ended, most frequent first; they are taken out} */
  List<DigestEntry> takeEnded(Instant now) {
    List<DigestEntry> ended = new ArrayList<>();
    var all = counting.values().iterator();
    while (all.hasNext()) {
      DigestEntry repeat = all.next();
      if (!now.isBefore(repeat.mailedAt().plus(window))) {
        ended.add(repeat);
        all.remove();
      }
    }
    ended.sort(Comparator.comparingLong(DigestEntry::count).reversed());
    return ended;
  }

  /** {@return when the first window ends, or null when nothing is counted} */
  Instant nextEnd() {
    Instant due = null;
    for (DigestEntry repeat : counting.values()) {
      Instant end = repeat.mailedAt().plus(window);
      due = due == null || end.isBefore(due) ? end : due;
    }
    return due;
  }

  /** {@return every repeat counted by name, most frequent first; they are taken out} */
  List<DigestEntry> takeAll() {
    List<DigestEntry> all = new ArrayList<>(counting.values());
    all.sort(Comparator.comparingLong(DigestEntry::count).reversed());
    counting.clear();
    return all;
  }

  /** {@return the repeats beyond those counted by name, and forgets them} */
  long takeUntracked() {
    long count = untracked;
    untracked = 0;
    return count;
  }

  boolean isEmpty() {
    return counting.isEmpty() && untracked == 0;
  }

  /** {@return the events counted as repeats} */
  long events() {
    long sum = untracked;
    for (DigestEntry entry : counting.values()) {
      sum += entry.count();
    }
    return sum;
  }
}

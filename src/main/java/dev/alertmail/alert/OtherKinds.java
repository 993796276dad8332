package dev.alertmail.alert;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The problems of a pending mail beyond the ones it keeps with a sample: counted exactly, without a
 * sample, at most {@link FloodControl#MAX_TRACKED} by name (a kind that makes room for another
 * keeps its events in the total), and remembered while their mail is in flight, so a retried mail
 * counts them again exactly.
 */
final class OtherKinds {

  /** A problem counted without a sample. */
  record Counted(long count, Instant firstSeen, Instant lastSeen) {
    static Counted of(DigestEntry entry) {
      return new Counted(entry.count(), entry.firstSeen(), entry.lastSeen());
    }

    Counted plus(Counted other) {
      return new Counted(
          count + other.count,
          other.firstSeen.isBefore(firstSeen) ? other.firstSeen : firstSeen,
          other.lastSeen.isAfter(lastSeen) ? other.lastSeen : lastSeen);
    }
  }

  private final Map<String, Counted> kinds = new HashMap<>();
  private long events;
  private Map<String, Counted> inFlight = Map.of();

  /** {@return the events of these kinds, including those of kinds no longer named} */
  long events() {
    return events;
  }

  /** {@return how many kinds are named} */
  int kinds() {
    return kinds.size();
  }

  /**
   * Counts events of a kind: its events join the total, and its name is kept, making room (the
   * least counted kind's name goes; Space-Saving) when {@link FloodControl#MAX_TRACKED} are named.
   *
   * @return the kind's count now
   */
  Counted count(String fingerprint, Counted more) {
    events += more.count();
    Counted known = kinds.get(fingerprint);
    if (known == null && kinds.size() >= FloodControl.MAX_TRACKED) {
      kinds.remove(leastCounted());
    }
    Counted now = known == null ? more : known.plus(more);
    kinds.put(fingerprint, now);
    return now;
  }

  /** A counted kind that overtook a kept problem leaves, its events with it. */
  void promote(String fingerprint) {
    Counted left = kinds.remove(fingerprint);
    if (left != null) {
      events -= left.count();
    }
  }

  /** The counted kinds went into a mail: kept while it is in flight, and this starts empty. */
  void takeForMail() {
    inFlight = Map.copyOf(kinds);
    kinds.clear();
    events = 0;
  }

  /** The mail with the counted kinds went out, or failed for good. */
  void settled() {
    inFlight = Map.of();
  }

  /** The mail failed for a reason that may pass: its counted kinds and events come back. */
  void restore(long mailedEvents) {
    events += mailedEvents;
    for (Map.Entry<String, Counted> kind : inFlight.entrySet()) {
      Counted known = kinds.get(kind.getKey());
      if (known != null) {
        kinds.put(kind.getKey(), known.plus(kind.getValue()));
      } else if (kinds.size() < FloodControl.MAX_TRACKED) {
        kinds.put(kind.getKey(), kind.getValue());
      }
    }
    inFlight = Map.of();
  }

  private String leastCounted() {
    String least = null;
    long count = Long.MAX_VALUE;
    for (Map.Entry<String, Counted> kind : kinds.entrySet()) {
      if (kind.getValue().count() < count) {
        least = kind.getKey();
        count = kind.getValue().count();
      }
    }
    return least;
  }
}

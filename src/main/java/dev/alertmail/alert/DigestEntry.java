package dev.alertmail.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One problem in a mail: every triggering event with the same fingerprint, counted, with one full
 * sample.
 *
 * @param fingerprint what makes the events the same problem, see {@link Fingerprint}
 * @param count how many triggering events this entry accounts for, at least 1
 * @param firstSeen when the first of them was logged
 * @param lastSeen when the last of them was logged
 * @param sample the first of them, in full (message, stack trace, MDC, context)
 * @param mailedAt for a problem already mailed within the dedup window, when; null otherwise
 */
public record DigestEntry(
    String fingerprint,
    long count,
    Instant firstSeen,
    Instant lastSeen,
    Alert sample,
    Instant mailedAt) {

  /** Checks the fields. */
  public DigestEntry {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(sample, "sample");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
  }

  /** An entry for one alert seen once. */
  public static DigestEntry of(Alert alert) {
    return of(alert, null);
  }

  /**
   * An entry for one alert seen once, under the fingerprint its source computed from the whole
   * event, when known: an alert read only in part (an exception that could not be read, a budget
   * applied) must stay the problem the logging threads count it under.
   */
  public static DigestEntry of(Alert alert, String fingerprint) {
    Instant at = Instant.ofEpochMilli(alert.trigger().timestampMillis());
    return new DigestEntry(
        fingerprint != null ? fingerprint : Fingerprint.of(alert.trigger()),
        1,
        at,
        at,
        alert,
        null);
  }

  /** {@return true when this problem was already mailed and this entry only counts repeats} */
  public boolean isRepeat() {
    return mailedAt != null;
  }

  /** {@return this entry with one more event, logged at the given time, counted in} */
  DigestEntry plusOne(Instant at) {
    return plus(1, at);
  }

  /** {@return this entry with more events, the last logged at the given time, counted in} */
  DigestEntry plus(long events, Instant at) {
    return new DigestEntry(
        fingerprint,
        count + events,
        at.isBefore(firstSeen) ? at : firstSeen,
        at.isAfter(lastSeen) ? at : lastSeen,
        sample,
        mailedAt);
  }

  /** {@return this entry with another entry of the same fingerprint folded in} */
  DigestEntry plus(DigestEntry other) {
    boolean otherFirst = other.firstSeen.isBefore(firstSeen);
    return new DigestEntry(
        fingerprint,
        count + other.count,
        otherFirst ? other.firstSeen : firstSeen,
        other.lastSeen.isAfter(lastSeen) ? other.lastSeen : lastSeen,
        otherFirst ? other.sample : sample,
        mailedAt != null && other.mailedAt != null ? mailedAt : null);
  }
}

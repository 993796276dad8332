package dev.alertmail.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one mail reports: the problems it shows, most frequent first, and every triggering event it
 * accounts for without showing it.
 *
 * @param entries the problems, each with a count and a sample; repeats of problems already mailed
 *     within the dedup window come last
 * @param otherEvents triggering events of problems beyond the ones kept with a sample
 * @param otherKinds how many distinct problems those were (a lower bound once very many)
 * @param droppedEvents triggering events lost before reaching flood control because the hand-off
 *     between the application and the sender was full
 * @param heldBackSince when the rate limit started holding this mail back, or null
 * @param atShutdown whether this is the last mail, sent when the appender stops: its repeats are
 *     counts up to now, not news that a problem outlasted its dedup window
 * @param news whether it is the first mail about one of its problems (none was mailed before, as
 *     far as flood control remembers), which alone earns it a high importance
 * @param overflowKinds part of {@code droppedEvents} counted by kind ("template (logger)"), largest
 *     first; empty when not known
 */
public record Digest(
    List<DigestEntry> entries,
    long otherEvents,
    int otherKinds,
    long droppedEvents,
    Instant heldBackSince,
    boolean atShutdown,
    boolean news,
    Map<String, Long> overflowKinds) {

  /** Checks that the mail accounts for something and copies the entries. */
  public Digest {
    entries = List.copyOf(entries);
    overflowKinds =
        overflowKinds == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overflowKinds));
    if (otherEvents < 0 || otherKinds < 0 || droppedEvents < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (entries.isEmpty() && otherEvents == 0 && droppedEvents == 0) {
      throw new IllegalArgumentException("a digest must account for at least one event");
    }
  }

  /** A digest sent while the appender runs. */
  public Digest(
      List<DigestEntry> entries,
      long otherEvents,
      int otherKinds,
      long droppedEvents,
      Instant heldBackSince) {
    this(entries, otherEvents, otherKinds, droppedEvents, heldBackSince, false, false, Map.of());
  }

  /** {@return this digest as the last mail, sent when the appender stops} */
  public Digest asLast() {
    return new Digest(
        entries, otherEvents, otherKinds, droppedEvents, heldBackSince, true, news, overflowKinds);
  }

  /** {@return this digest marked as the first mail about a problem, or not} */
  public Digest withNews(boolean news) {
    return new Digest(
        entries,
        otherEvents,
        otherKinds,
        droppedEvents,
        heldBackSince,
        atShutdown,
        news,
        overflowKinds);
  }

  /** {@return this digest with its overflow counted by kind} */
  public Digest withOverflowKinds(Map<String, Long> kinds) {
    return new Digest(
        entries, otherEvents, otherKinds, droppedEvents, heldBackSince, atShutdown, news, kinds);
  }

  /** A digest of alerts each seen once, plus dropped events: one mail for a single alert. */
  public static Digest of(List<Alert> alerts, long droppedEvents) {
    return new Digest(alerts.stream().map(DigestEntry::of).toList(), 0, 0, droppedEvents, null)
        .withNews(!alerts.isEmpty());
  }

  /** {@return the sample of the first problem, whose subject the mail takes; null if none} */
  public Alert first() {
    return entries.isEmpty() ? null : entries.get(0).sample();
  }

  /** {@return the number of distinct problems this mail accounts for} */
  public int kinds() {
    return entries.size() + otherKinds;
  }

  /**
   * {@return the number of triggering events this mail accounts for}: shown, folded into a
   * problem's count, held back, suppressed as repeats, or dropped. It is the mail's {@code
   * X-AlertMail-Count}.
   */
  public long triggeringEvents() {
    long sum = otherEvents + droppedEvents;
    for (DigestEntry entry : entries) {
      sum += entry.count();
    }
    return sum;
  }

  /** {@return true when the mail is about one event and nothing else} */
  public boolean isSingleEvent() {
    return triggeringEvents() == 1 && entries.size() == 1;
  }
}

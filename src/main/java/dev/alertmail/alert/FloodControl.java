package dev.alertmail.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Shapes triggering events into few, useful mails: groups what comes within {@code groupWait},
 * counts repeats of problems already mailed within {@code dedupWindow}, holds mail back while the
 * token bucket is empty, and retries transient failures with backoff, all while accounting for
 * every event.
 *
 * <p>Time is always passed in, so the whole policy runs on a virtual clock in tests. Not
 * thread-safe: the sender thread owns it.
 *
 * <p>Memory is bounded whatever is logged: at most {@value #MAX_ENTRIES} problems are kept with a
 * sample per pending mail, and at most {@value #MAX_TRACKED} fingerprints are remembered for
 * deduplication and counted without a sample. Which problems keep their sample is decided as in the
 * Space-Saving heavy-hitters summary: a counted problem that overtakes the least frequent kept one
 * takes its place (with the event at hand as its sample), so the most frequent problems are always
 * the ones shown, whatever the order in which they arrived.
 */
public final class FloodControl {

  /** Problems kept with a sample in one mail; the rest are counted. */
  public static final int MAX_ENTRIES = 25;

  /** Fingerprints remembered for deduplication and for counting other kinds. */
  public static final int MAX_TRACKED = 1_000;

  private final FloodPolicy policy;
  private final TokenBucket bucket;
  private final Backoff backoff;

  private final Map<String, DigestEntry> pending = new LinkedHashMap<>();
  // problems of the pending mail beyond the kept ones: counted exactly, without a sample
  private final OtherKinds others = new OtherKinds();
  private long dropped;
  private Instant groupOpenedAt;
  private Instant heldBackSince;
  private Instant retryAt;

  private final Repeats repeats;

  /**
   * Creates the policy's state.
   *
   * @param policy group wait, rate limit and dedup window
   * @param now the clock's time, when the token bucket starts full
   * @param random jitter for the retry backoff
   */
  public FloodControl(FloodPolicy policy, Instant now, RandomGenerator random) {
    this.policy = policy;
    this.bucket = new TokenBucket(policy.maxMails(), policy.ratePeriod(), now);
    this.backoff = new Backoff(random);
    this.repeats = new Repeats(policy.dedupWindow());
  }

  /**
   * A triggering event arrived, as its source: when its fingerprint is known up front and the
   * problem is already pending (or already counted as a repeat), it is only counted, and the alert
   * itself is never built.
   */
  public void accept(AlertSource source, Instant now) {
    String fingerprint = source.fingerprint();
    if (fingerprint != null) {
      Instant at = Instant.ofEpochMilli(source.timestampMillis());
      DigestEntry known = pending.get(fingerprint);
      if (known != null) {
        pending.put(fingerprint, known.plusOne(at));
        openGroup(now);
        return;
      }
      if (repeats.count(fingerprint, 1, at, now)) {
        return;
      }
    }
    accept(source.toAlert(), now, fingerprint);
  }

  /**
   * Triggering events of a problem already seen were counted before reaching here, without being
   * made into alerts (in a storm, the logging threads count most of them): they join the problem's
   * pending or repeated count; when it has neither (its mail just went out and nothing of it came
   * since), they are counted without a sample, as other kinds are, and the next mail says so.
   */
  public void counted(String fingerprint, long count, Instant at, Instant now) {
    DigestEntry known = pending.get(fingerprint);
    if (known != null) {
      pending.put(fingerprint, known.plus(count, at));
      openGroup(now);
      return;
    }
    if (repeats.count(fingerprint, count, at, now)) {
      return;
    }
    others.count(fingerprint, new OtherKinds.Counted(count, at, at));
    openGroup(now);
  }

  /** As {@link #counted(String, long, Instant, Instant)}, logged now. */
  public void counted(String fingerprint, long count, Instant now) {
    counted(fingerprint, count, now, now);
  }

  /** A triggering event arrived. */
  public void accept(Alert alert, Instant now) {
    accept(alert, now, null);
  }

  /**
   * A triggering event arrived, under the fingerprint its source computed from the whole event
   * (null when unknown): the problem the logging threads count its kind under.
   */
  public void accept(Alert alert, Instant now, String knownFingerprint) {
    // what one event carries may cost its detail, never the memory held here or a mail's delivery
    DigestEntry entry = DigestEntry.of(EventBudget.DEFAULT.apply(alert), knownFingerprint);
    alert = entry.sample();
    Instant mailedAt = repeats.mailedWithinWindow(entry.fingerprint(), now);
    if (mailedAt != null && !pending.containsKey(entry.fingerprint())) {
      // counted, not mailed: keep only the trigger as sample, so repeats stay small
      Alert light = new Alert(alert.trigger(), List.of(), alert.subject());
      repeats.add(
          new DigestEntry(
              entry.fingerprint(), 1, entry.firstSeen(), entry.lastSeen(), light, mailedAt));
      return;
    }
    addPending(entry);
    openGroup(now);
  }

  /** Triggering events were lost before reaching here (the hand-off was full). */
  public void dropped(long count, Instant now) {
    dropped(count, Map.of(), now);
  }

  /**
   * As {@link #dropped(long, Instant)}, with the part of them counted by kind (at most {@value
   * #MAX_OVERFLOW_KINDS} kinds are kept; the total stays exact in {@code count}).
   */
  public void dropped(long count, Map<String, Long> byKind, Instant now) {
    if (count > 0) {
      dropped += count;
      byKind.forEach(
          (kind, n) -> {
            if (overflowKinds.size() < MAX_OVERFLOW_KINDS || overflowKinds.containsKey(kind)) {
              overflowKinds.merge(kind, n, Long::sum);
            }
          });
      openGroup(now);
    }
  }

  /** Kinds of hand-off overflow remembered per mail. */
  static final int MAX_OVERFLOW_KINDS = 64;

  private final Map<String, Long> overflowKinds = new LinkedHashMap<>();

  /** {@return the mail due now, if any}; a returned digest must be answered with an outcome */
  public Optional<Digest> poll(Instant now) {
    if (retryAt != null && now.isBefore(retryAt)) {
      return Optional.empty();
    }
    if (groupOpenedAt != null) {
      if (now.isBefore(groupOpenedAt.plus(policy.groupWait()))) {
        return Optional.empty();
      }
      if (!bucket.tryTake(now)) {
        heldBackSince = heldBackSince != null ? heldBackSince : groupOpenedAt;
        return Optional.empty();
      }
      return Optional.of(takeAll());
    }
    Instant firstEnd = repeats.nextEnd();
    if (firstEnd == null || now.isBefore(firstEnd) || !bucket.tryTake(now)) {
      return Optional.empty();
    }
    return Optional.of(new Digest(repeats.takeEnded(now), 0, 0, 0, null));
  }

  /** {@return when {@link #poll} may next return a mail, or null when nothing is pending} */
  public Instant nextWakeup(Instant now) {
    Instant due = null;
    if (groupOpenedAt != null) {
      due = groupOpenedAt.plus(policy.groupWait());
    } else {
      due = repeats.nextEnd();
    }
    if (due == null) {
      return null;
    }
    due = latest(due, bucket.nextToken(now));
    return retryAt == null ? due : latest(due, retryAt);
  }

  /** The digest was delivered: its problems start (or restart) their dedup window now. */
  public void delivered(Digest digest, Instant now) {
    others.settled();
    for (DigestEntry entry : digest.entries()) {
      repeats.remember(entry.fingerprint(), entry.sample(), now);
    }
    backoff.reset();
    retryAt = null;
  }

  /**
   * The digest failed for a reason that may pass: it goes back into the pending mail, which new
   * events keep joining, and is tried again after a backoff.
   *
   * @return the delay before the next attempt
   */
  public Duration retryLater(Digest digest, Instant now) {
    for (DigestEntry entry : digest.entries()) {
      if (entry.isRepeat()) {
        repeats.add(entry);
      } else {
        addPending(entry);
      }
    }
    // the kinds it only counted go back as they were, so a retried mail counts them exactly
    others.restore(digest.otherEvents());
    dropped += digest.droppedEvents();
    digest.overflowKinds().forEach((kind, n) -> overflowKinds.merge(kind, n, Long::sum));
    if (digest.heldBackSince() != null
        && (heldBackSince == null || digest.heldBackSince().isBefore(heldBackSince))) {
      heldBackSince = digest.heldBackSince();
    }
    Instant ready = now.minus(policy.groupWait());
    groupOpenedAt = groupOpenedAt == null ? ready : earliest(groupOpenedAt, ready);
    bucket.refund();
    Duration delay = backoff.next();
    retryAt = now.plus(delay);
    return delay;
  }

  /** The digest failed for good; the caller reports its count as lost. */
  public void lost(Digest digest) {
    others.settled();
    backoff.reset();
    retryAt = null;
  }

  /** {@return everything pending as one mail, ignoring group wait, rate limit and backoff} */
  public Optional<Digest> drain() {
    if (groupOpenedAt == null && repeats.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(takeAll().asLast());
  }

  /** {@return the triggering events waiting in this state, not yet in any mail} */
  public long pendingEvents() {
    long sum = others.events() + dropped + repeats.events();
    for (DigestEntry entry : pending.values()) {
      sum += entry.count();
    }
    return sum;
  }

  /** {@return how many failures in a row the current retry streak has} */
  public int failuresInARow() {
    return backoff.failures();
  }

  private Digest takeAll() {
    List<DigestEntry> fresh = new ArrayList<>(pending.values());
    fresh.sort(Comparator.comparingLong(DigestEntry::count).reversed());
    List<DigestEntry> entries = new ArrayList<>(fresh);
    entries.addAll(repeats.takeAll());
    // news: a problem never mailed before (as far as the bounded memory of mailings reaches)
    boolean news = fresh.stream().anyMatch(entry -> !repeats.wasMailed(entry.fingerprint()));
    long otherEvents = others.events() + repeats.takeUntracked();
    Digest digest =
        new Digest(entries, otherEvents, others.kinds(), dropped, heldBackSince)
            .withNews(news)
            .withOverflowKinds(overflowKinds);
    overflowKinds.clear();
    pending.clear();
    others.takeForMail();
    dropped = 0;
    groupOpenedAt = null;
    heldBackSince = null;
    return digest;
  }

  private void addPending(DigestEntry entry) {
    String fingerprint = entry.fingerprint();
    DigestEntry known = pending.get(fingerprint);
    if (known != null) {
      pending.put(fingerprint, known.plus(entry));
      return;
    }
    if (pending.size() < MAX_ENTRIES) {
      pending.put(fingerprint, entry);
      return;
    }
    OtherKinds.Counted counted = others.count(fingerprint, OtherKinds.Counted.of(entry));
    DigestEntry least = leastFrequentPending();
    if (counted.count() <= least.count()) {
      return;
    }
    // the counted problem overtook a kept one: they swap, and both counts stay exact
    others.promote(fingerprint);
    pending.remove(least.fingerprint());
    others.count(least.fingerprint(), OtherKinds.Counted.of(least));
    pending.put(
        fingerprint,
        new DigestEntry(
            fingerprint,
            counted.count(),
            counted.firstSeen(),
            counted.lastSeen(),
            entry.sample(),
            null));
  }

  private DigestEntry leastFrequentPending() {
    DigestEntry least = null;
    for (DigestEntry kept : pending.values()) {
      if (least == null || kept.count() < least.count()) {
        least = kept;
      }
    }
    return least;
  }

  private void openGroup(Instant now) {
    if (groupOpenedAt == null) {
      groupOpenedAt = now;
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}

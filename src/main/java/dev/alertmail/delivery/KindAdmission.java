package dev.alertmail.delivery;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertSource;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps a storm of one problem off the sender thread. The first {@value #PER_SECOND} alerts of a
 * kind (logger and message template) in each second are handed off whole; once the sender has
 * learned that kind's fingerprint from one of them, the rest are only counted on the logging thread
 * (O(1), no allocation) and join that problem's count in the mail. Without this, a storm makes the
 * sender take, fingerprint and count every alert: on a machine with two cores it then holds one of
 * them, and the application runs at about half its speed.
 *
 * <p>A fixed table of {@value #SLOTS} slots indexed by the logger's and the template's cached hash
 * codes; a slot belongs to the first kind that uses it, and a kind whose slot is taken is always
 * handed off whole. A kind whose alerts turn out to be different problems (one logger and template,
 * different exceptions) is handed off whole from then on, so no problem is counted under another's
 * name for longer than the second in which the sender saw the second one.
 */
final class KindAdmission {

  static final int SLOTS = 64;
  static final int PER_SECOND = 64;

  private final AtomicReferenceArray<String> loggers = new AtomicReferenceArray<>(SLOTS);
  private final AtomicReferenceArray<String> templates = new AtomicReferenceArray<>(SLOTS);
  // the fingerprint the slot's counts belong to; set once per owner of the slot
  private final AtomicReferenceArray<String> fingerprints = new AtomicReferenceArray<>(SLOTS);
  // 1 once the slot's kind showed a second problem: never counted again while it owns the slot
  private final AtomicIntegerArray mixed = new AtomicIntegerArray(SLOTS);
  private final AtomicIntegerArray admitted = new AtomicIntegerArray(SLOTS);
  private final AtomicLongArray counted = new AtomicLongArray(SLOTS);
  // when the last counted alert of each slot was logged: a mail shows event times, not the time
  // the sender got to them
  private final AtomicLongArray lastMillis = new AtomicLongArray(SLOTS);
  // alerts of the slot handed off whole and not taken yet: while there are any, the fingerprint of
  // what the slot counted is still to come
  private final AtomicIntegerArray inFlight = new AtomicIntegerArray(SLOTS);

  /** The slot of a kind, or -1 when it has none (another kind holds it, or there is no kind). */
  int slot(String logger, String template) {
    if (logger == null || template == null) {
      return -1;
    }
    int slot = (31 * logger.hashCode() + template.hashCode()) & (SLOTS - 1);
    if (templates.get(slot) == null && templates.compareAndSet(slot, null, template)) {
      loggers.set(slot, logger);
    }
    // identity, not equals: a logger's name and a template literal are the same objects each time
    return templates.get(slot) == template && loggers.get(slot) == logger ? slot : -1;
  }

  /**
   * Runs on the logging thread: whether the alert in this slot is to be made and handed off whole;
   * when not, it has been counted.
   */
  boolean admit(int slot, long eventMillis) {
    if (slot < 0) {
      return true;
    }
    if (admitted.get(slot) < PER_SECOND || fingerprints.get(slot) == null || mixed.get(slot) != 0) {
      admitted.incrementAndGet(slot);
      return true;
    }
    counted.incrementAndGet(slot);
    // a plain ordered write: two threads racing leave one of their times, both about now
    lastMillis.lazySet(slot, eventMillis);
    return false;
  }

  /**
   * Runs on the logging thread when the hand-off is full: counts the alert in its kind's slot, as
   * {@link #admit} does past the second's quota, so an overflow costs no problem its count. The
   * count joins the problem once the sender knows the kind's fingerprint; when it cannot learn it
   * (no alert of the kind reached it), {@link #drain} gives the count back as overflow. {@return
   * whether it was counted}
   */
  boolean countOverflow(int slot, String logger, String template, long eventMillis) {
    if (slot < 0 || mixed.get(slot) != 0) {
      return false;
    }
    counted.incrementAndGet(slot);
    // a slot freed since slot() was asked (quiet for a second) may belong to another kind now
    if (templates.get(slot) != template || loggers.get(slot) != logger) {
      counted.decrementAndGet(slot);
      return false;
    }
    lastMillis.lazySet(slot, eventMillis);
    return true;
  }

  /**
   * An alert of a kind with a slot, to hand off whole, carrying its kind so the sender can learn
   * its fingerprint.
   */
  AlertSource admitted(AlertSource alert, int slot, String logger, String template) {
    // made only when there is room in the hand-off: it will be taken, and learned from
    inFlight.incrementAndGet(slot);
    return new Admitted(alert, slot, logger, template);
  }

  /**
   * Runs on the sender for every alert it takes, first: one of its kind is no longer on the way.
   */
  void taken(AlertSource alert) {
    if (alert instanceof Admitted admitted) {
      inFlight.decrementAndGet(admitted.slot);
    }
  }

  /** Runs on the sender: an alert handed off whole tells its kind's fingerprint. */
  void learn(AlertSource alert) {
    if (!(alert instanceof Admitted admitted)) {
      return;
    }
    int slot = admitted.slot;
    String fingerprint = admitted.fingerprint();
    // the slot may have been freed and taken by another kind since the alert was handed off
    if (fingerprint == null
        || templates.get(slot) != admitted.template
        || loggers.get(slot) != admitted.logger) {
      return;
    }
    if (!fingerprints.compareAndSet(slot, null, fingerprint)
        && !fingerprint.equals(fingerprints.get(slot))) {
      mixed.set(slot, 1);
    }
  }

  /** Receives the counted alerts of one problem, and when the last of them was logged. */
  interface Counts {
    void add(String fingerprint, long count, long lastMillis);

    /**
     * Alerts of a kind counted while the hand-off was full whose problem the sender cannot learn:
     * none of the kind's alerts reached it.
     */
    default void unplaced(String logger, String template, long count) {}
  }

  /** Runs on the sender: hands over what was counted since the last drain, problem by problem. */
  void drain(Counts into) {
    for (int slot = 0; slot < SLOTS; slot++) {
      long count = counted.get(slot);
      if (count <= 0) {
        continue;
      }
      String fingerprint = fingerprints.get(slot);
      if (fingerprint != null) {
        counted.addAndGet(slot, -count);
        into.add(fingerprint, count, lastMillis.get(slot));
      } else if (inFlight.get(slot) <= 0) {
        counted.addAndGet(slot, -count);
        into.unplaced(loggers.get(slot), templates.get(slot), count);
      }
    }
  }

  /** {@return what is counted and not drained yet, for the sender's report of what it holds} */
  long undrained() {
    long total = 0;
    for (int slot = 0; slot < SLOTS; slot++) {
      total += counted.get(slot);
    }
    return total;
  }

  /**
   * Runs on the sender once a second, after a drain: every kind may hand off {@value #PER_SECOND}
   * alerts again, and a slot whose kind was quiet for the whole second is freed for another kind.
   */
  void newSecond() {
    for (int slot = 0; slot < SLOTS; slot++) {
      if (admitted.getAndSet(slot, 0) == 0 && counted.get(slot) == 0 && inFlight.get(slot) <= 0) {
        fingerprints.set(slot, null);
        mixed.set(slot, 0);
        loggers.set(slot, null);
        templates.set(slot, null);
      }
    }
  }

  /** An alert handed off whole, with its kind, and its fingerprint made at most once. */
  private static final class Admitted implements AlertSource {
    private final AlertSource source;
    private final int slot;
    private final String logger;
    private final String template;
    private String fingerprint;

    Admitted(AlertSource source, int slot, String logger, String template) {
      this.source = source;
      this.slot = slot;
      this.logger = logger;
      this.template = template;
    }

    @Override
    public String fingerprint() {
      if (fingerprint == null) {
        fingerprint = source.fingerprint();
      }
      return fingerprint;
    }

    @Override
    public long timestampMillis() {
      return source.timestampMillis();
    }

    @Override
    public Alert toAlert() {
      return source.toAlert();
    }
  }
}

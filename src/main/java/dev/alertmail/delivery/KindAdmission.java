package dev.alertmail.delivery;

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
 * handed off whole. Alerts of one logger and template with different exceptions are counted under
 * the fingerprint the sender learned first; the alerts handed off whole keep their own.
 */
final class KindAdmission {

  static final int SLOTS = 64;
  static final int PER_SECOND = 64;

  private final AtomicReferenceArray<String> loggers = new AtomicReferenceArray<>(SLOTS);
  private final AtomicReferenceArray<String> templates = new AtomicReferenceArray<>(SLOTS);
  private final AtomicReferenceArray<String> fingerprints = new AtomicReferenceArray<>(SLOTS);
  private final AtomicIntegerArray admitted = new AtomicIntegerArray(SLOTS);
  private final AtomicLongArray counted = new AtomicLongArray(SLOTS);

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
  boolean admit(int slot) {
    if (slot < 0) {
      return true;
    }
    if (admitted.get(slot) < PER_SECOND || fingerprints.get(slot) == null) {
      admitted.incrementAndGet(slot);
      return true;
    }
    counted.incrementAndGet(slot);
    return false;
  }

  /**
   * Runs on the sender: the fingerprint of an alert handed off whole, for the ones counted later.
   */
  void learn(int slot, String fingerprint) {
    if (slot >= 0 && fingerprint != null && fingerprints.get(slot) == null) {
      fingerprints.set(slot, fingerprint);
    }
  }

  /** Receives the counted alerts of one problem; false keeps them for a later drain. */
  interface Counts {
    boolean add(String fingerprint, long count, String logger, String template);
  }

  /** Runs on the sender: hands over what was counted since the last drain, problem by problem. */
  void drain(Counts into) {
    for (int slot = 0; slot < SLOTS; slot++) {
      String fingerprint = fingerprints.get(slot);
      long count = counted.get(slot);
      if (fingerprint != null && count > 0) {
        counted.addAndGet(slot, -count);
        if (!into.add(fingerprint, count, loggers.get(slot), templates.get(slot))) {
          counted.addAndGet(slot, count);
        }
      }
    }
  }

  /**
   * Runs on the sender once a second: every kind may hand off {@value #PER_SECOND} alerts again,
   * and a slot whose kind was quiet for the whole second is freed for another kind.
   */
  void newSecond() {
    for (int slot = 0; slot < SLOTS; slot++) {
      if (admitted.getAndSet(slot, 0) == 0 && counted.get(slot) == 0) {
        fingerprints.set(slot, null);
        loggers.set(slot, null);
        templates.set(slot, null);
      }
    }
  }

  /** An alert handed off whole, with its kind's slot, and its fingerprint made at most once. */
  static final class Admitted implements AlertSource {
    private final AlertSource source;
    private final int slot;
    private String fingerprint;

    Admitted(AlertSource source, int slot) {
      this.source = source;
      this.slot = slot;
    }

    int slot() {
      return slot;
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
    public dev.alertmail.alert.Alert toAlert() {
      return source.toAlert();
    }
  }
}

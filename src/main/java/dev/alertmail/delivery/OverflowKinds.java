package dev.alertmail.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which problems the alerts that did not fit into the hand-off belonged to, counted on the logging
 * thread in O(1) without allocating: a fixed table indexed by the logger's and the message
 * template's (cached) hash codes, each slot named by the first kind that used it. Two kinds that
 * share a slot are counted under the first one's name; the total stays exact in the hand-off's own
 * count.
 */
final class OverflowKinds {

  static final int SLOTS = 64;

  private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
  private final AtomicReferenceArray<String> loggers = new AtomicReferenceArray<>(SLOTS);
  private final AtomicReferenceArray<String> templates = new AtomicReferenceArray<>(SLOTS);

  /** One alert of this kind did not fit; never blocks, never allocates. */
  void count(String logger, String template) {
    count(logger, template, 1);
  }

  /** As {@link #count(String, String)}, for several. */
  void count(String logger, String template, long count) {
    if (logger == null || template == null) {
      return;
    }
    int slot = (31 * logger.hashCode() + template.hashCode()) & (SLOTS - 1);
    if (templates.get(slot) == null && templates.compareAndSet(slot, null, template)) {
      loggers.set(slot, logger);
    }
    counts.addAndGet(slot, count);
  }

  /** {@return the counts since the last call by kind ("template (logger)"), largest first} */
  Map<String, Long> drain() {
    var byKind = new java.util.ArrayList<Map.Entry<String, Long>>();
    for (int slot = 0; slot < SLOTS; slot++) {
      long count = counts.getAndSet(slot, 0);
      if (count > 0) {
        String template = templates.getAndSet(slot, null);
        String logger = loggers.getAndSet(slot, null);
        byKind.add(Map.entry(template + " (" + logger + ")", count));
      }
    }
    byKind.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    Map<String, Long> result = new LinkedHashMap<>();
    byKind.forEach(e -> result.merge(e.getKey(), e.getValue(), Long::sum));
    return result;
  }
}

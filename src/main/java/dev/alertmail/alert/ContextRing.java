package dev.alertmail.alert;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last events that reached the appender, kept without a lock and without a counter shared by
 * the logging threads: each thread writes into a stripe of its own (one shared sequence would be a
 * cache line every logging thread fights over, which costs more than the rest of a log call). An
 * event is ordered by its timestamp and then by its thread's own count, so the context shows the
 * events before a trigger, oldest first, across threads.
 *
 * <p>A snapshot consumes what it returns: the next alert shows only what came after the previous
 * one, as Logback's SMTPAppender clears its buffer.
 *
 * @param <E> the framework's event, kept as the logging thread left it until an alert needs it
 */
public final class ContextRing<E> {

  // keys: milliseconds since the ring was made, then the thread's own count in the low bits
  private static final int COUNT_BITS = 20;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private record Entry<E>(long key, E event) {}

  /** One thread's slots; written by that thread only. */
  private static final class Stripe<E> {
    final WeakReference<Thread> owner;
    final AtomicReferenceArray<Entry<E>> slots;
    long count;
    long last = Long.MIN_VALUE;

    Stripe(Thread owner, int length) {
      this.owner = new WeakReference<>(owner);
      this.slots = new AtomicReferenceArray<>(length);
    }
  }

  private final int contextSize;
  private final long origin = System.currentTimeMillis();
  private final List<Stripe<E>> stripes = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Stripe<E>> own = new ThreadLocal<>();
  private final AtomicLong consumedBefore = new AtomicLong(Long.MIN_VALUE);

  /** A ring that can show {@code contextSize} events before a trigger. */
  public ContextRing(int contextSize) {
    this.contextSize = contextSize;
  }

  /**
   * Records the event logged at the given time and returns its key; never blocks.
   *
   * @param timestampMillis when the event was logged (the framework's own timestamp)
   */
  public long add(E event, long timestampMillis) {
    Stripe<E> stripe = own.get();
    if (stripe == null) {
      stripe = new Stripe<>(Thread.currentThread(), contextSize + 1);
      own.set(stripe);
      stripes.add(stripe);
    }
    long count = stripe.count++;
    // a clock set back must not reorder a thread's own events, nor hide them below the watermark
    long key =
        Math.max(
            ((timestampMillis - origin) << COUNT_BITS) | (count & COUNT_MASK), stripe.last + 1);
    stripe.last = key;
    // lazySet: a reader tolerates a slot that is not visible yet, and the hot path stays cheap
    stripe.slots.lazySet((int) (count % stripe.slots.length()), new Entry<>(key, event));
    return key;
  }

  /** As {@link #add(Object, long)}, logged now. */
  public long add(E event) {
    return add(event, System.currentTimeMillis());
  }

  /**
   * Returns the events recorded before the given key and not shown by an earlier snapshot, oldest
   * first, at most {@code contextSize}; marks them and the trigger as shown.
   */
  public List<E> takeBefore(long triggerKey) {
    long floor = consumedBefore.getAndAccumulate(triggerKey + 1, Math::max);
    List<Entry<E>> before = new ArrayList<>();
    for (Stripe<E> stripe : stripes) {
      Thread owner = stripe.owner.get();
      boolean gone = owner == null || !owner.isAlive();
      boolean any = false;
      for (int i = 0; i < stripe.slots.length(); i++) {
        Entry<E> entry = stripe.slots.get(i);
        if (entry != null && entry.key() < triggerKey && entry.key() >= floor) {
          before.add(entry);
          any = true;
        }
      }
      if (gone && !any) {
        stripes.remove(stripe); // a finished thread's events are all shown or too old
      }
    }
    before.sort(Comparator.comparingLong(Entry::key));
    List<Entry<E>> last = before.subList(Math.max(0, before.size() - contextSize), before.size());
    List<E> events = new ArrayList<>(last.size());
    for (Entry<E> entry : last) {
      events.add(entry.event());
    }
    return events;
  }
}

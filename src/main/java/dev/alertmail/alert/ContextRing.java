package dev.alertmail.alert;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * <p>A stripe fills a young segment of slots, each written once, and starts a new one when it is
 * full, keeping the previous: the hot path is then a few plain stores into memory its own thread
 * allocated, with no entry object, no division, no fence, and no old-to-young reference for the
 * garbage collector's write barrier to record (a ring reused in place makes every event such a
 * store once the ring has aged, and two threads' rings then often share cache lines).
 *
 * <p>A snapshot consumes what it returns: the next alert shows only what came after the previous
 * one, as Logback's SMTPAppender clears its buffer.
 *
 * @param <E> the framework's event, kept as the logging thread left it until an alert needs it
 */
public final class ContextRing<E> {

  // keys: milliseconds since the ring was made, then the thread's own count in the low bits; a
  // key is at least 1, so 0 marks a slot not written yet
  private static final int COUNT_BITS = 20;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final long EMPTY = 0;
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);

  private record Entry<E>(long key, E event) {}

  /** Slots written once each, in order, by the stripe's thread; then replaced by a new segment. */
  private static final class Segment {
    final long[] keys;
    final Object[] events;
    // the owner's counters live here, in memory its own thread allocated, not in a shared line
    int next;
    long count;
    long last;

    Segment(int length, long count, long last) {
      this.keys = new long[length];
      this.events = new Object[length];
      this.count = count;
      this.last = last;
    }
  }

  /** One thread's segments: the one it writes and the one before. */
  private static final class Stripe {
    final WeakReference<Thread> owner;
    final long ownerId;
    volatile Segment current;
    volatile Segment previous;

    Stripe(Thread owner, int length) {
      this.owner = new WeakReference<>(owner);
      this.ownerId = owner.getId();
      this.current = new Segment(length, 0, 0);
    }
  }

  private final int contextSize;
  private final long origin = System.currentTimeMillis();
  private final List<Stripe> stripes = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Stripe> own = new ThreadLocal<>();
  // a stripe by thread id, looked at before the thread-local: one array load and a compare instead
  // of a hash lookup; a slot two threads share is overwritten, and the thread-local answers
  private static final int BY_ID = 64;
  private final AtomicReferenceArray<Stripe> byId = new AtomicReferenceArray<>(BY_ID);
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
    // the rare steps (a thread's first event, a full segment) are methods of their own, so the
    // common one stays small enough to inline into the framework's logging call
    Stripe stripe = stripe();
    Segment segment = stripe.current;
    int index = segment.next;
    if (index == segment.keys.length) {
      segment = nextSegment(stripe, segment);
      index = 0;
    }
    segment.next = index + 1;
    long count = segment.count++;
    // a clock set back must not reorder a thread's own events, nor hide them below the watermark
    long key =
        Math.max(
            ((timestampMillis - origin) << COUNT_BITS) | (count & COUNT_MASK), segment.last + 1);
    segment.last = key;
    segment.events[index] = event;
    // release: a reader that sees the key sees the event stored before it
    KEYS.setRelease(segment.keys, index, key);
    return key;
  }

  private Stripe stripe() {
    Thread thread = Thread.currentThread();
    Stripe stripe = byId.getPlain(slotOf(thread.getId()));
    // the id only picks the slot: a Thread subclass may override getId(), identity decides
    return stripe != null && stripe.owner.refersTo(thread) ? stripe : ownStripe(thread);
  }

  private Stripe ownStripe(Thread thread) {
    Stripe stripe = own.get();
    if (stripe == null) {
      stripe = new Stripe(thread, contextSize + 1);
      own.set(stripe);
      stripes.add(stripe);
    }
    // only an empty slot or a finished thread's is taken: two live threads sharing a slot must
    // not rewrite it at every event
    int slot = slotOf(thread.getId());
    Stripe held = byId.get(slot);
    if (held == null || held.owner.refersTo(null)) {
      byId.compareAndSet(slot, held, stripe);
    }
    return stripe;
  }

  private static int slotOf(long id) {
    return (int) id & (BY_ID - 1);
  }

  /** A full segment of contextSize + 1 stays readable as the previous one. */
  private static Segment nextSegment(Stripe stripe, Segment full) {
    Segment fresh = new Segment(full.keys.length, full.count, full.last);
    stripe.previous = full;
    stripe.current = fresh;
    return fresh;
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
    for (Stripe stripe : stripes) {
      Thread owner = stripe.owner.get();
      boolean gone = owner == null || !owner.isAlive();
      // current first: a segment started in between then shows up as the previous one as well
      Segment current = stripe.current;
      Segment previous = stripe.previous;
      boolean any = collect(current, triggerKey, floor, before);
      if (previous != null && previous != current) {
        any |= collect(previous, triggerKey, floor, before);
      }
      if (gone && !any) {
        stripes.remove(stripe); // a finished thread's events are all shown or too old
        byId.compareAndSet(slotOf(stripe.ownerId), stripe, null);
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

  private static <E> boolean collect(
      Segment segment, long triggerKey, long floor, List<Entry<E>> into) {
    boolean any = false;
    for (int i = 0; i < segment.keys.length; i++) {
      long key = (long) KEYS.getAcquire(segment.keys, i);
      if (key != EMPTY && key < triggerKey && key >= floor) {
        @SuppressWarnings("unchecked")
        E event = (E) segment.events[i];
        into.add(new Entry<>(key, event));
        any = true;
      }
    }
    return any;
  }
}

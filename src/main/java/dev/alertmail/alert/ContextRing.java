package dev.alertmail.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last events that reached the appender, shared by all application threads without a lock.
 *
 * <p>Each slot holds an immutable (sequence, event) pair, so a reader either sees a whole entry or
 * recognises that it was overwritten. A snapshot consumes what it returns: the next alert shows
 * only what came after the previous one, as Logback's SMTPAppender clears its buffer.
 *
 * @param <E> the framework's event, kept as the logging thread left it until an alert needs it
 */
public final class ContextRing<E> {

  private record Entry<E>(long sequence, E event) {}

  // neighbouring slots are written by different threads: spread them over cache lines (16
  // compressed references = 64 bytes) so a write does not invalidate the line another thread
  // is writing
  private static final int STRIDE = 16;

  private final AtomicReferenceArray<Entry<E>> slots;
  private final int length;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong consumedBefore = new AtomicLong();
  private final int contextSize;

  /** A ring that can show {@code contextSize} events before a trigger. */
  public ContextRing(int contextSize) {
    this.contextSize = contextSize;
    this.length = contextSize + 1;
    this.slots = new AtomicReferenceArray<>(length * STRIDE);
  }

  /** Records the event and returns its sequence number; never blocks. */
  public long add(E event) {
    long sequence = next.getAndIncrement();
    // lazySet: readers tolerate a slot that is not visible yet, and the hot path stays cheap
    slots.lazySet(slot(sequence), new Entry<>(sequence, event));
    return sequence;
  }

  /**
   * Returns the events recorded before the given sequence number and not shown by an earlier
   * snapshot, oldest first, at most {@code contextSize}; marks them and the trigger as shown.
   */
  public List<E> takeBefore(long triggerSequence) {
    long floor = Math.max(consumedBefore.get(), triggerSequence - contextSize);
    consumedBefore.accumulateAndGet(triggerSequence + 1, Math::max);
    if (floor >= triggerSequence) {
      return List.of();
    }
    List<E> events = new ArrayList<>((int) (triggerSequence - floor));
    for (long sequence = triggerSequence - 1; sequence >= floor; sequence--) {
      Entry<E> entry = slots.get(slot(sequence));
      if (entry != null && entry.sequence() == sequence) {
        events.add(entry.event());
      }
    }
    Collections.reverse(events);
    return events;
  }

  private int slot(long sequence) {
    return (int) (sequence % length) * STRIDE;
  }
}

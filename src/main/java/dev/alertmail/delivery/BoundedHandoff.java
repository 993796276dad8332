package dev.alertmail.delivery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded many-producer, one-consumer hand-off that never blocks a producer.
 *
 * <p>A lock-free queue with a separate size counter rather than an {@code ArrayBlockingQueue}: the
 * latter's offer takes the same lock the consumer holds while it takes, and the application thread
 * must never wait for the sender. What does not fit is counted, not queued.
 */
final class BoundedHandoff<T> {

  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final int capacity;
  private volatile Thread consumer;

  BoundedHandoff(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Binds the consumer thread, the one that is woken on offer. */
  void consumer(Thread thread) {
    this.consumer = thread;
  }

  /** Adds the item if there is room, otherwise counts it as dropped; never blocks. */
  boolean offer(T item) {
    return offer(() -> item);
  }

  /**
   * Makes and adds an item if there is room, otherwise counts it as dropped without making it: in a
   * storm, a full hand-off costs the application thread a counter, not a snapshot.
   */
  boolean offer(java.util.function.Supplier<? extends T> maker) {
    if (tryOffer(maker)) {
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /**
   * As {@link #offer(java.util.function.Supplier)}, leaving a full hand-off's count to the caller,
   * who may know where the item belongs.
   */
  boolean tryOffer(java.util.function.Supplier<? extends T> maker) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return false;
    }
    T item;
    try {
      item = maker.get();
    } catch (RuntimeException | Error e) {
      size.decrementAndGet();
      throw e;
    }
    queue.offer(item);
    Thread waiting = consumer;
    if (waiting != null) {
      LockSupport.unpark(waiting);
    }
    return true;
  }

  /** Takes the next item, parking the consumer for at most the timeout; null when there is none. */
  T poll(long timeout, TimeUnit unit) {
    T item = queue.poll();
    if (item == null && timeout > 0) {
      // an offer between the poll above and this park leaves a permit, so no wake-up is lost
      LockSupport.parkNanos(this, unit.toNanos(timeout));
      item = queue.poll();
    }
    if (item != null) {
      size.decrementAndGet();
    }
    return item;
  }

  /** Parks the consumer for at most the given time, or until an offer or a wake-up. */
  void pause(long millis) {
    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** Wakes the consumer, for example to notice a stop request. */
  void wakeConsumer() {
    Thread waiting = consumer;
    if (waiting != null) {
      LockSupport.unpark(waiting);
    }
  }

  int size() {
    return size.get();
  }

  /** Counts an item that did not fit and that the caller could not place elsewhere. */
  void countDropped() {
    dropped.incrementAndGet();
  }

  /** As {@link #countDropped()}, for several. */
  void countDropped(long count) {
    dropped.addAndGet(count);
  }

  /** Returns the number of items dropped since the previous call and starts counting afresh. */
  long takeDropped() {
    return dropped.getAndSet(0);
  }

  long dropped() {
    return dropped.get();
  }
}

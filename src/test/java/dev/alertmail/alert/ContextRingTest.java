package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextRingTest {

  private static String event(String message) {
    return message;
  }

  private static List<String> messages(List<String> events) {
    return events;
  }

  @Test
  void keepsTheLastEventsBeforeTheTriggerOldestFirst() {
    ContextRing<String> ring = new ContextRing<>(3);
    for (String m : List.of("a", "b", "c", "d", "e")) {
      ring.add(event(m));
    }
    long trigger = ring.add(event("boom"));
    assertEquals(List.of("c", "d", "e"), messages(ring.takeBefore(trigger)));
  }

  @Test
  void aSnapshotConsumesWhatItShowed() {
    ContextRing<String> ring = new ContextRing<>(5);
    ring.add(event("a"));
    long first = ring.add(event("boom 1"));
    ring.add(event("b"));
    long second = ring.add(event("boom 2"));
    assertEquals(List.of("a"), messages(ring.takeBefore(first)));
    assertEquals(List.of("b"), messages(ring.takeBefore(second)));
  }

  @Test
  void zeroSizeShowsNoContext() {
    ContextRing<String> ring = new ContextRing<>(0);
    ring.add(event("a"));
    long trigger = ring.add(event("boom"));
    assertEquals(List.of(), ring.takeBefore(trigger));
  }

  @Test
  void anEarlierTriggerTakenLateDoesNotRepeatWhatALaterOneShowed() {
    ContextRing<String> ring = new ContextRing<>(5);
    ring.add(event("a"));
    long first = ring.add(event("boom 1"));
    ring.add(event("b"));
    long second = ring.add(event("boom 2"));
    // the second thread snapshots first
    assertEquals(List.of("a", "boom 1", "b"), messages(ring.takeBefore(second)));
    assertEquals(List.of(), messages(ring.takeBefore(first)));
  }

  @Test
  void eventsOfSeveralThreadsComeInTheOrderTheyWereLogged() throws Exception {
    ContextRing<String> ring = new ContextRing<>(4);
    long t = System.currentTimeMillis();
    ring.add("main 1", t);
    Thread other =
        new Thread(
            () -> {
              ring.add("other 1", t + 1);
              ring.add("other 2", t + 3);
            });
    other.start();
    other.join();
    ring.add("main 2", t + 2);
    long trigger = ring.add("boom", t + 4);

    assertEquals(List.of("main 1", "other 1", "main 2", "other 2"), ring.takeBefore(trigger));
    assertEquals(List.of(), ring.takeBefore(ring.add("boom again", t + 4)), "all shown before");
  }

  @Test
  void showsTheWholeContextWhereverTheTriggerFallsInASegment() {
    int size = 4;
    for (int logged = 0; logged <= 3 * (size + 1); logged++) {
      ContextRing<Integer> ring = new ContextRing<>(size);
      for (int i = 0; i < logged; i++) {
        ring.add(i);
      }
      long trigger = ring.add(-1);
      List<Integer> expected = new ArrayList<>();
      for (int i = Math.max(0, logged - size); i < logged; i++) {
        expected.add(i);
      }
      assertEquals(expected, ring.takeBefore(trigger), logged + " events before the trigger");
    }
  }

  @Test
  void keepsAThreadsOrderWhenTheClockIsSetBack() {
    ContextRing<String> ring = new ContextRing<>(5);
    long now = System.currentTimeMillis();
    ring.add("a", now);
    ring.add("b", now - 60_000); // NTP stepped the clock back a minute
    ring.add("c", now - 3_600_000_000L); // and a timestamp from before the ring was made
    long trigger = ring.add("boom", now - 60_000);
    assertEquals(List.of("a", "b", "c"), ring.takeBefore(trigger));
  }

  @Test
  void snapshotsTakenWhileAnotherThreadLogsShowItsEventsInOrderAndOnce() throws Exception {
    ContextRing<Integer> ring = new ContextRing<>(8);
    int total = 200_000;
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < total; i++) {
                ring.add(i);
              }
            });
    writer.start();
    int last = -1;
    int snapshots = 0;
    while (writer.isAlive() || snapshots == 0) {
      List<Integer> shown = ring.takeBefore(ring.add(-1));
      for (int event : shown) {
        if (event >= 0) {
          assertTrue(event > last, "event " + event + " after " + last + ": " + shown);
          last = event;
        }
      }
      snapshots++;
    }
    writer.join();
    assertTrue(snapshots > 0);
  }

  @Test
  void moreThreadsThanTheRingHasQuickSlotsEachKeepTheirOwnEvents() throws Exception {
    ContextRing<String> ring = new ContextRing<>(500);
    // explicit times: within one millisecond, events of different threads have no order
    long before = System.currentTimeMillis() + 1_000;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 100; t++) {
      String name = "t" + t;
      Thread thread =
          new Thread(
              () -> {
                ring.add(name + " a", before);
                ring.add(name + " b", before);
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    ring.add("main a", before + 1); // the main thread's stripe too
    List<String> shown = ring.takeBefore(ring.add("boom", before + 2));

    assertEquals(201, shown.size(), shown.toString());
    for (int t = 0; t < 100; t++) {
      assertTrue(
          shown.indexOf("t" + t + " a") < shown.indexOf("t" + t + " b"),
          "each thread's own order: " + shown);
    }
  }

  /** A thread whose getId() says what its author chose: JDK 17 lets a subclass override it. */
  private static final class SameIdThread extends Thread {
    SameIdThread(Runnable task) {
      super(task);
    }

    @Override
    @SuppressWarnings("deprecation")
    public long getId() {
      return 7;
    }
  }

  @Test
  void threadsThatClaimTheSameIdStillWriteOnlyTheirOwnEvents() throws Exception {
    ContextRing<String> ring = new ContextRing<>(5_000);
    long later = System.currentTimeMillis() + 1_000;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    List<Thread> threads = new ArrayList<>();
    for (String name : List.of("x", "y")) {
      Thread thread =
          new SameIdThread(
              () -> {
                try {
                  together.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                for (int i = 0; i < 2_000; i++) {
                  ring.add(name + i, later);
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }

    List<String> shown = ring.takeBefore(ring.add("boom", later + 1));

    assertEquals(4_000, shown.size(), "no event overwritten by the other thread");
    assertEquals(4_000, new java.util.HashSet<>(shown).size(), "and none twice");
  }
}

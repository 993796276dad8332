package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextRingTest {

  private final LoggerContext context = new LoggerContext();

  private ILoggingEvent event(String message) {
    return new LoggingEvent("fqcn", context.getLogger("app"), Level.INFO, message, null, null);
  }

  private static List<String> messages(List<ILoggingEvent> events) {
    return events.stream().map(ILoggingEvent::getMessage).toList();
  }

  @Test
  void keepsTheLastEventsBeforeTheTriggerOldestFirst() {
    ContextRing ring = new ContextRing(3);
    for (String m : List.of("a", "b", "c", "d", "e")) {
      ring.add(event(m));
    }
    long trigger = ring.add(event("boom"));
    assertEquals(List.of("c", "d", "e"), messages(ring.takeBefore(trigger)));
  }

  @Test
  void aSnapshotConsumesWhatItShowed() {
    ContextRing ring = new ContextRing(5);
    ring.add(event("a"));
    long first = ring.add(event("boom 1"));
    ring.add(event("b"));
    long second = ring.add(event("boom 2"));
    assertEquals(List.of("a"), messages(ring.takeBefore(first)));
    assertEquals(List.of("b"), messages(ring.takeBefore(second)));
  }

  @Test
  void zeroSizeShowsNoContext() {
    ContextRing ring = new ContextRing(0);
    ring.add(event("a"));
    long trigger = ring.add(event("boom"));
    assertEquals(List.of(), ring.takeBefore(trigger));
  }

  @Test
  void anEarlierTriggerTakenLateDoesNotRepeatWhatALaterOneShowed() {
    ContextRing ring = new ContextRing(5);
    ring.add(event("a"));
    long first = ring.add(event("boom 1"));
    ring.add(event("b"));
    long second = ring.add(event("boom 2"));
    // the second thread snapshots first
    assertEquals(List.of("a", "boom 1", "b"), messages(ring.takeBefore(second)));
    assertEquals(List.of(), messages(ring.takeBefore(first)));
  }
}

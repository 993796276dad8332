package dev.alertmail.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final Instant T = Instant.parse("2026-11-24T14:02:00Z");

  @Test
  void theSameTemplateWithOtherArgumentsAndLineNumbersIsTheSameProblem() {
    // order 17 and order 42 also differ in the line number of their top frame (see Alerts)
    String a = Fingerprint.of(Alerts.of("timeout", T, 17).trigger());
    String b = Fingerprint.of(Alerts.of("timeout", T, 42).trigger());
    assertEquals(a, b);
    assertTrue(a.matches("[0-9a-f]{12}"), a);
  }

  @Test
  void anotherTemplateLoggerOrExceptionIsAnotherProblem() {
    AlertEvent base = Alerts.of("timeout", T, 1).trigger();
    String fingerprint = Fingerprint.of(base);
    assertNotEquals(fingerprint, Fingerprint.of(Alerts.of("deadlock", T, 1).trigger()));
    assertNotEquals(fingerprint, Fingerprint.of(withLogger(base, "com.shop.Other")));
    assertNotEquals(fingerprint, Fingerprint.of(withException(base, "java.io.IOException")));
  }

  @Test
  void aFrameIsItsMethodWithoutFileAndLine() {
    assertEquals("com.x.Foo.bar", Fingerprint.method("com.x.Foo.bar(Foo.java:12)"));
    assertEquals("com.x.Foo.bar", Fingerprint.method("com.x.Foo.bar"));
  }

  private static AlertEvent withLogger(AlertEvent e, String logger) {
    return new AlertEvent(
        e.timestampMillis(),
        e.level(),
        logger,
        e.messageTemplate(),
        e.message(),
        e.threadName(),
        e.mdc(),
        e.throwable());
  }

  private static AlertEvent withException(AlertEvent e, String className) {
    ThrowableInfo t = e.throwable();
    return new AlertEvent(
        e.timestampMillis(),
        e.level(),
        e.loggerName(),
        e.messageTemplate(),
        e.message(),
        e.threadName(),
        Map.of(),
        new ThrowableInfo(className, t.message(), t.frames(), 0, null, List.of()));
  }
}

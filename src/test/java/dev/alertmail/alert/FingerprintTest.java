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

  @Test
  void aFormattedMessageWithAnExceptionIsOneProblemForEveryRequest() {
    // Tomcat's JUL line carries the order in its text; the exception chain is the problem
    String t78 = Fingerprint.of(AppCodeTest.tomcatEvent("T-78"));
    assertEquals(t78, Fingerprint.of(AppCodeTest.tomcatEvent("T-79")));
    assertEquals(t78, Fingerprint.of(AppCodeTest.tomcatEvent("T-80")));
  }

  @Test
  void aConcatenatedMessageWithoutAnExceptionIsOneProblemByItsShape() {
    assertEquals(
        Fingerprint.of(plain("failed for order T-78 of user 'bob' from 10.0.0.7")),
        Fingerprint.of(plain("failed for order T-79 of user 'amy' from 10.0.0.9")));
  }

  @Test
  void twoGenuinelyDifferentProblemsStayApart() {
    assertNotEquals(
        Fingerprint.of(plain("payment declined for order 7")),
        Fingerprint.of(plain("payment timed out for order 7")));
    AlertEvent tomcat = AppCodeTest.tomcatEvent("T-78");
    ThrowableInfo other =
        new ThrowableInfo(
            "java.lang.NullPointerException",
            "cart",
            List.of("com.shop.web.CartController.show(CartController.java:12)"),
            0,
            null,
            List.of());
    assertNotEquals(
        Fingerprint.of(tomcat),
        Fingerprint.of(
            new AlertEvent(
                1,
                "ERROR",
                tomcat.loggerName(),
                tomcat.message(),
                tomcat.message(),
                "t",
                Map.of(),
                other)));
  }

  @Test
  void frameworkFramesDoNotTakePartOnlyTheApplications() {
    AlertEvent a = AppCodeTest.tomcatEvent("1");
    ThrowableInfo t = a.throwable();
    // another Tomcat version: other framework frames, the same application frames
    ThrowableInfo moved =
        new ThrowableInfo(
            t.className(),
            t.message(),
            List.of(
                "org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:90)"),
            0,
            t.cause(),
            List.of());
    assertEquals(
        Fingerprint.of(a),
        Fingerprint.of(
            new AlertEvent(
                1, "ERROR", a.loggerName(), a.message(), a.message(), "t", Map.of(), moved)));
  }

  private static AlertEvent plain(String message) {
    return new AlertEvent(1, "ERROR", "com.shop.Orders", message, message, "t", Map.of(), null);
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

package dev.alertmail.mail;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.ThrowableInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Alerts, digests and composers for the mail tests. */
final class Fixtures {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Origin ORIGIN = new Origin("shop", "app1.example.com", BERLIN);
  // 2026-11-22 14:03:07.123 +01:00 in Berlin
  static final long TRIGGER_MILLIS = Instant.parse("2026-11-22T13:03:07.123Z").toEpochMilli();
  static final Instant NOW = Instant.parse("2026-11-22T13:03:10Z");
  static final MailAddress FROM = MailAddress.parse("alerts@example.com");
  static final MailAddress TO = MailAddress.parse("ops@example.com");
  static final MailAddress CC = MailAddress.parse("dev@example.com");
  static final MailAddress BCC = MailAddress.parse("secret-watcher@example.org");

  private Fixtures() {}

  static AlertMailComposer composer(MailFormat format) {
    return new AlertMailComposer(FROM, List.of(TO), List.of(CC), List.of(BCC), format, ORIGIN);
  }

  static AlertEvent event(String level, String message) {
    return new AlertEvent(
        TRIGGER_MILLIS,
        level,
        "com.example.shop.PaymentService",
        message,
        message,
        "http-nio-8080-exec-1",
        Map.of(),
        null);
  }

  static AlertEvent trigger(String message, ThrowableInfo throwable, Map<String, String> mdc) {
    return new AlertEvent(
        TRIGGER_MILLIS,
        "ERROR",
        "com.example.shop.PaymentService",
        message,
        message,
        "http-nio-8080-exec-1",
        mdc,
        throwable);
  }

  static Digest digest(String subject, String message) {
    return Digest.of(List.of(new Alert(event("ERROR", message), List.of(), subject)), 0);
  }

  static Digest digest(Alert... alerts) {
    return Digest.of(List.of(alerts), 0);
  }

  /** A snapshot of a real throwable, the way the appender takes one. */
  static ThrowableInfo info(Throwable t) {
    return info(t, new StackTraceElement[0]);
  }

  private static ThrowableInfo info(Throwable t, StackTraceElement[] enclosing) {
    StackTraceElement[] trace = t.getStackTrace();
    // frames shared with the enclosing trace, counted from the end, as Throwable does
    int m = trace.length - 1;
    int n = enclosing.length - 1;
    while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
      m--;
      n--;
    }
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : Arrays.copyOfRange(trace, 0, m + 1)) {
      frames.add(frame.toString());
    }
    List<ThrowableInfo> suppressed = new ArrayList<>();
    for (Throwable s : t.getSuppressed()) {
      suppressed.add(info(s, trace));
    }
    return new ThrowableInfo(
        t.getClass().getName(),
        t.getMessage(),
        frames,
        trace.length - 1 - m,
        t.getCause() == null ? null : info(t.getCause(), trace),
        suppressed);
  }
}

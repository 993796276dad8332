package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Fingerprint;
import dev.alertmail.alert.ThrowableInfo;
import dev.alertmail.alert.Unreadable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Adapts Logback's events to the framework-free snapshots of the {@code alert} package. */
final class LogbackEvents {

  /** Bounds the cause chain: a self-made cycle or a pathological chain must not exhaust memory. */
  private static final int MAX_DEPTH = 32;

  private LogbackEvents() {}

  /** The event must have been prepared for deferred processing on the thread that logged it. */
  static AlertEvent toAlertEvent(ILoggingEvent event) {
    return toAlertEvent(event, event.getMDCPropertyMap());
  }

  private static AlertEvent toAlertEvent(ILoggingEvent event, Map<String, String> mdc) {
    try {
      return new AlertEvent(
          event.getTimeStamp(),
          event.getLevel().toString(),
          event.getLoggerName(),
          event.getMessage(),
          event.getFormattedMessage(),
          event.getThreadName(),
          mdc,
          toThrowableInfo(event.getThrowableProxy(), 0));
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // one event that cannot be read costs its own detail, never the alert it belongs to
      return Unreadable.event(
          event.getTimeStamp(), String.valueOf(event.getLevel()), event.getLoggerName(), e);
    }
  }

  /**
   * The event's {@link Fingerprint} from the prepared event itself, without converting its stack
   * trace or context: the same parts {@link Fingerprint#of(AlertEvent)} reads.
   */
  static String fingerprint(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    Fingerprint.Builder fingerprint =
        Fingerprint.builder(event.getLoggerName(), event.getMessage(), proxy != null);
    for (int depth = 0; proxy != null && depth < Fingerprint.MAX_CAUSES; depth++) {
      fingerprint.exception(proxy.getClassName());
      StackTraceElementProxy[] elements = proxy.getStackTraceElementProxyArray();
      int total = elements == null ? 0 : elements.length;
      int own = total - Math.min(Math.max(0, proxy.getCommonFrames()), total);
      for (int i = 0; i < own && fingerprint.wantsFrames(); i++) {
        fingerprint.frame(elements[i].getStackTraceElement().toString());
      }
      proxy = proxy.isCyclic() ? null : proxy.getCause();
    }
    return fingerprint.build();
  }

  /** Context events, without their MDC: a mail does not show it, and it was not captured. */
  static List<AlertEvent> toAlertEvents(List<ILoggingEvent> events) {
    List<AlertEvent> result = new ArrayList<>(events.size());
    for (ILoggingEvent event : events) {
      result.add(toAlertEvent(event, Map.of()));
    }
    return result;
  }

  private static ThrowableInfo toThrowableInfo(IThrowableProxy proxy, int depth) {
    if (proxy == null || depth > MAX_DEPTH) {
      return null;
    }
    StackTraceElementProxy[] elements = proxy.getStackTraceElementProxyArray();
    int total = elements == null ? 0 : elements.length;
    // Logback keeps every frame and counts the shared tail; ThrowableInfo holds only the own ones
    int common = Math.min(Math.max(0, proxy.getCommonFrames()), total);
    List<String> frames = new ArrayList<>(total - common);
    for (int i = 0; i < total - common; i++) {
      frames.add(elements[i].getStackTraceElement().toString());
    }
    List<ThrowableInfo> suppressed = new ArrayList<>();
    IThrowableProxy[] suppressedProxies = proxy.getSuppressed();
    if (suppressedProxies != null) {
      for (IThrowableProxy s : suppressedProxies) {
        ThrowableInfo info = toThrowableInfo(s, depth + 1);
        if (info != null) {
          suppressed.add(info);
        }
      }
    }
    String message = proxy.getMessage();
    if (proxy.isCyclic()) {
      message = "[CIRCULAR REFERENCE] " + (message == null ? "" : message);
    }
    return new ThrowableInfo(
        proxy.getClassName(),
        message,
        frames,
        common,
        proxy.isCyclic() ? null : toThrowableInfo(proxy.getCause(), depth + 1),
        suppressed);
  }
}

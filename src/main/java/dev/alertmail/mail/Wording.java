package dev.alertmail.mail;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import java.util.List;

/**
 * The words of an alert mail, shared by the text and HTML formatters so both say the same thing.
 */
final class Wording {

  static final String STACK_TRACE = "Stack trace";
  static final String MDC = "MDC";
  static final String FOOTER = "Sent by AlertMail.";

  /** One labelled fact about an event, e.g. Logger: com.example.Foo. */
  record Field(String label, String value) {}

  private Wording() {}

  /** E.g. "3 errors in shop on app1.example.com". */
  static String heading(Digest digest, Origin origin) {
    long count = digest.triggeringEvents();
    var text = new StringBuilder(count == 1 ? "1 error" : count + " errors");
    if (!origin.application().isEmpty()) {
      text.append(" in ").append(origin.application());
    }
    if (!origin.host().isEmpty()) {
      text.append(" on ").append(origin.host());
    }
    return text.toString();
  }

  /** "Alert 2 of 3", or nothing when the digest holds one alert. */
  static String alertTitle(int index, int count) {
    return count == 1 ? "" : "Alert " + (index + 1) + " of " + count;
  }

  /** The sentence about dropped events; the caller shows it only when there were some. */
  static String dropped(long count) {
    return count == 1
        ? "1 more error was dropped because the hand-off queue was full."
        : count + " more errors were dropped because the hand-off queue was full.";
  }

  /** E.g. "Before the error (3 events, oldest first)". */
  static String contextTitle(int count) {
    return "Before the error (" + (count == 1 ? "1 event" : count + " events") + ", oldest first)";
  }

  /** What, where and when, in the order both formatters show them (the message is shown apart). */
  static List<Field> fields(AlertEvent event, Origin origin) {
    return List.of(
        new Field("Level", event.level()),
        new Field("Logger", event.loggerName()),
        new Field("Application", origin.application()),
        new Field("Host", origin.host()),
        new Field("Thread", event.threadName()),
        new Field("Time", TimeFormat.full(event.timestampMillis(), origin.zone())));
  }
}

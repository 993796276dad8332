package dev.alertmail.mail;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.FloodControl;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

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

  /** Problems shown in full; the rest of the mail shows one line per problem. */
  static final int FULL_ENTRIES = 5;

  /** E.g. "1,532 errors (3 kinds) in shop on app1.example.com". */
  static String heading(Digest digest, Origin origin) {
    var text = new StringBuilder(size(digest));
    if (!origin.application().isEmpty()) {
      text.append(" in ").append(origin.application());
    }
    if (!origin.host().isEmpty()) {
      text.append(" on ").append(origin.host());
    }
    return text.toString();
  }

  /** E.g. "1 error", "1,532 errors (3 kinds)". */
  static String size(Digest digest) {
    String text = count(digest.triggeringEvents(), "error", "errors");
    int kinds = digest.kinds();
    return kinds > 1 ? text + " (" + count(kinds, "kind", "kinds") + ")" : text;
  }

  /** E.g. "1 time", "1,200 times": grouped digits, the way a reader scans large numbers. */
  static String count(long count, String one, String many) {
    return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? one : many);
  }

  /** "Problem 2 of 3: 1,200 times, 14:02:01 to 14:03:55", or nothing for a single event. */
  static String entryTitle(int index, int fresh, DigestEntry entry, Digest digest, ZoneId zone) {
    if (digest.isSingleEvent()) {
      return "";
    }
    var text = new StringBuilder();
    if (fresh > 1) {
      text.append("Problem ").append(index + 1).append(" of ").append(fresh).append(": ");
    }
    return text.append(seen(entry, zone)).toString();
  }

  /**
   * "500\u00d7 in 64 ms, from 2026-11-22 14:02:01.123" or "once at 2026-11-22 14:02:01.123": the
   * times the events were logged, never when the sender got to them.
   */
  static String seen(DigestEntry entry, ZoneId zone) {
    String first = TimeFormat.local(entry.firstSeen().toEpochMilli(), zone);
    if (entry.count() == 1) {
      return "once at " + first;
    }
    return String.format(Locale.ROOT, "%,d\u00d7", entry.count())
        + " in "
        + span(java.time.Duration.between(entry.firstSeen(), entry.lastSeen()))
        + ", from "
        + first;
  }

  /** "64 ms", "3.2 s", "12 min", "2 h 5 min", "3 d 4 h": short, as a reader takes it in. */
  static String span(java.time.Duration span) {
    long millis = Math.max(0, span.toMillis());
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long minutes = millis / 60_000;
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
    return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
  }

  static final String OVERVIEW = "Overview";

  /** "500 times, 14:02:01 to 14:03:55: Database down ← SQLException: Connection refused". */
  static String overviewLine(DigestEntry entry, ZoneId zone) {
    AlertEvent event = entry.sample().trigger();
    return seen(entry, zone)
        + ": "
        + flat(event.message())
        + (event.throwable() == null ? "" : " \u2014 " + FirstScreen.cause(event.throwable()));
  }

  /** A problem beyond the ones shown in full, on one line. */
  static String oneLine(DigestEntry entry, ZoneId zone) {
    AlertEvent event = entry.sample().trigger();
    return seen(entry, zone)
        + " ["
        + entry.fingerprint()
        + "] "
        + event.loggerName()
        + ": "
        + flat(event.message());
  }

  /**
   * "still happening: 310 times since 14:02:00 [fp] logger: message", or in the last mail at
   * shutdown, where nothing says the problem goes on, "repeated 310 times since it was mailed at
   * 14:02:00 [fp] ...".
   */
  static String repeated(DigestEntry entry, Digest digest, ZoneId zone) {
    AlertEvent event = entry.sample().trigger();
    return (digest.atShutdown() ? "repeated " : "still happening: ")
        + count(entry.count(), "time", "times")
        + (digest.atShutdown() ? " since it was mailed at " : "")
        + (digest.atShutdown() ? "" : " since ")
        + TimeFormat.local(entry.mailedAt().toEpochMilli(), zone)
        + " ["
        + entry.fingerprint()
        + "] "
        + event.loggerName()
        + ": "
        + flat(event.message());
  }

  /** The sentence about problems counted without a sample. */
  static String others(Digest digest) {
    return "And "
        + count(digest.otherEvents(), "more error", "more errors")
        + " of "
        + (digest.otherKinds() >= FloodControl.MAX_TRACKED ? "at least " : "")
        + count(Math.max(1, digest.otherKinds()), "other kind", "other kinds")
        + ", counted but not kept.";
  }

  /** The sentence about the rate limit. */
  static String heldBack(Digest digest, ZoneId zone) {
    return "Held back by the rate limit (maxMails per ratePeriod) since "
        + TimeFormat.local(digest.heldBackSince().toEpochMilli(), zone)
        + "; everything since is counted here.";
  }

  static final String ALSO = "More problems in this period";

  /** The heading over problems already mailed within the dedup window. */
  static String repeatsHeading(Digest digest) {
    return digest.atShutdown()
        ? "Already mailed, repeated until shutdown"
        : "Already mailed, still happening";
  }

  /** One line of text, for values shown inside a line. */
  static String flat(String value) {
    String line = value.replaceAll("[\\r\\n]+", " ");
    return line.length() <= 300 ? line : line.substring(0, 300) + "\u2026";
  }

  /** "Alert 2 of 3", or nothing when the digest holds one alert. */
  static String alertTitle(int index, int count) {
    return count == 1 ? "" : "Alert " + (index + 1) + " of " + count;
  }

  /** The sentence about dropped events; the caller shows it only when there were some. */
  static String dropped(Digest digest) {
    long count = digest.droppedEvents();
    String text =
        (count == 1 ? "1 more error" : count(count, "more error", "more errors"))
            + " arrived faster than the sender could take "
            + (count == 1 ? "it" : "them")
            + " (queueSize): counted here, not lost";
    if (digest.overflowKinds().isEmpty()) {
      return text + ", but not told apart by problem.";
    }
    var kinds = new StringBuilder(text).append(". By problem: ");
    int shown = 0;
    for (var kind : digest.overflowKinds().entrySet()) {
      if (shown++ == 5) {
        kinds.append(", \u2026");
        break;
      }
      kinds
          .append(shown > 1 ? ", " : "")
          .append(String.format(Locale.ROOT, "%,d", kind.getValue()))
          .append(" \u00d7 ")
          .append(flat(kind.getKey()));
    }
    return kinds.append('.').toString();
  }

  /** E.g. "Before the error (3 events, oldest first)", and how many earlier ones were cut. */
  static String contextTitle(int count, int cut) {
    if (count == 0) {
      return "Before the error (" + count(cut, "event", "events") + " cut to fit the mail)";
    }
    return "Before the error ("
        + (count == 1 ? "1 event" : count + " events")
        + ", oldest first"
        + (cut == 0
            ? ""
            : "; " + count(cut, "earlier one", "earlier ones") + " cut to fit the mail")
        + ")";
  }

  /** The detail table under a problem's first screen: level, logger, thread, time. */
  static List<Field> fields(AlertEvent event, Origin origin) {
    return List.of(
        new Field("Level", event.level()),
        new Field("Logger", event.loggerName()),
        new Field("Thread", event.threadName()),
        new Field("Time", TimeFormat.full(event.timestampMillis(), origin.zone())));
  }
}

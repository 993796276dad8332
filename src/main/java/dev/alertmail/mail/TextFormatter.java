package dev.alertmail.mail;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.StackTraceLines;
import dev.alertmail.text.UntrustedText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Formats a digest as plain text: a heading, then per alert the message, aligned labelled fields,
 * the stack trace as Java prints it, the MDC and the context events.
 *
 * <p>Lines are separated by {@code \n}; {@link MimeRenderer} turns them into CRLF and wraps long
 * ones, so nothing here needs to care about line length.
 */
final class TextFormatter {

  // wide enough for the longest label, "Application:", plus a space
  private static final int LABEL_WIDTH = 13;
  // longer MDC keys are not padded further, so one odd key does not push every value away
  private static final int MAX_KEY_WIDTH = 24;
  private static final String CONTEXT_INDENT = "  ";

  private final Origin origin;

  TextFormatter(Origin origin) {
    this.origin = origin;
  }

  String format(Digest digest) {
    return format(digest, Detail.FULL, null);
  }

  String format(Digest digest, Detail detail, String note) {
    var out = new StringBuilder(2048);
    out.append(Wording.heading(digest, origin)).append('\n');
    if (note != null) {
      out.append(note).append('\n');
    }
    if (digest.heldBackSince() != null) {
      out.append(Wording.heldBack(digest, origin.zone())).append('\n');
    }
    if (digest.droppedEvents() > 0) {
      out.append(Wording.dropped(digest)).append('\n');
    }
    List<DigestEntry> fresh = digest.entries().stream().filter(e -> !e.isRepeat()).toList();
    if (fresh.size() > 1) {
      // the whole incident on the first screen, before any detail
      out.append('\n').append(Wording.OVERVIEW).append(":\n");
      for (DigestEntry entry : fresh.subList(0, Math.min(fresh.size(), Wording.FULL_ENTRIES))) {
        out.append(CONTEXT_INDENT).append(Wording.overviewLine(entry, origin.zone())).append('\n');
      }
    }
    int full = Math.min(fresh.size(), detail.fullEntries());
    for (int i = 0; i < full; i++) {
      out.append('\n');
      DigestEntry entry = fresh.get(i);
      String title = Wording.entryTitle(i, fresh.size(), entry, digest, origin.zone());
      if (!title.isEmpty()) {
        out.append("==== ").append(title).append(" ====\n\n");
      }
      alert(out, entry);
    }
    if (fresh.size() > full) {
      out.append('\n').append(Wording.ALSO).append(":\n");
      for (DigestEntry entry : fresh.subList(full, fresh.size())) {
        out.append(CONTEXT_INDENT).append(Wording.oneLine(entry, origin.zone())).append('\n');
      }
    }
    if (digest.otherEvents() > 0) {
      out.append('\n').append(Wording.others(digest)).append('\n');
    }
    List<DigestEntry> repeats = digest.entries().stream().filter(DigestEntry::isRepeat).toList();
    if (!repeats.isEmpty()) {
      out.append('\n').append(Wording.repeatsHeading(digest)).append(":\n");
      for (DigestEntry entry : repeats) {
        out.append(CONTEXT_INDENT)
            .append(Wording.repeated(entry, digest, origin.zone()))
            .append('\n');
      }
    }
    // "-- " is the conventional signature separator; clients can fold or dim what follows
    out.append("\n-- \n").append(Wording.FOOTER).append('\n');
    // a logged ESC or BEL must not drive a terminal that shows the mail, nor U+202E reverse it
    // line ends from the application (HTTP bodies, Windows text) are line ends, a bare CR is not
    return UntrustedText.visibleBody(out.toString().replace("\r\n", "\n"));
  }

  private void alert(StringBuilder out, DigestEntry entry) {
    Alert alert = entry.sample();
    AlertEvent trigger = alert.trigger();
    message(out, trigger.message());
    for (Wording.Field field : FirstScreen.lines(trigger, entry, origin, origin.zone())) {
      labelled(out, field.label(), field.value());
    }
    out.append('\n');
    for (Wording.Field field : Wording.fields(trigger, origin)) {
      labelled(out, field.label(), field.value());
    }
    labelled(out, "Fingerprint", entry.fingerprint());
    if (trigger.throwable() != null) {
      out.append('\n').append(Wording.STACK_TRACE).append(":\n");
      out.append(StackTraceLines.text(trigger.throwable())).append('\n');
    }
    if (!trigger.mdc().isEmpty()) {
      out.append('\n').append(Wording.MDC).append(":\n");
      mdc(out, trigger.mdc());
    }
    if (!alert.context().isEmpty() || alert.contextCut() > 0) {
      out.append('\n')
          .append(Wording.contextTitle(alert.context().size(), alert.contextCut()))
          .append(":\n");
      for (AlertEvent event : alert.context()) {
        contextEvent(out, event);
      }
    }
  }

  /**
   * A one-line message sits in the label column; a multi-line one goes below its label exactly as
   * logged, so lines a reader copies (SQL, JSON, a leading ".") stay intact.
   */
  private static void message(StringBuilder out, String message) {
    if (message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
      labelled(out, "Message", message);
    } else {
      out.append("Message:\n").append(message.replaceAll("\r\n|\r", "\n")).append("\n\n");
    }
  }

  /** {@code Label: value}, continuation lines of a multi-line value under the value. */
  private static void labelled(StringBuilder out, String label, String value) {
    out.append(pad(label + ":", LABEL_WIDTH));
    out.append(indentContinuation(value, " ".repeat(LABEL_WIDTH))).append('\n');
  }

  private static void mdc(StringBuilder out, Map<String, String> mdc) {
    // sorted, so the same context reads the same in every mail
    var sorted = new TreeMap<>(mdc);
    int width = 0;
    for (String key : sorted.keySet()) {
      width = Math.max(width, Math.min(key.length(), MAX_KEY_WIDTH));
    }
    String indent = CONTEXT_INDENT + " ".repeat(width + 3);
    for (var entry : sorted.entrySet()) {
      out.append(CONTEXT_INDENT).append(padExact(oneLine(entry.getKey()), width)).append(" = ");
      out.append(indentContinuation(entry.getValue(), indent)).append('\n');
    }
  }

  private void contextEvent(StringBuilder out, AlertEvent event) {
    out.append(CONTEXT_INDENT)
        .append(TimeFormat.local(event.timestampMillis(), origin.zone()))
        .append(' ')
        .append(padExact(oneLine(event.level()), 5))
        .append(" [")
        .append(oneLine(event.threadName()))
        .append("] ")
        .append(oneLine(event.loggerName()))
        .append(": ");
    String indent = CONTEXT_INDENT + "    ";
    out.append(indentContinuation(event.message(), indent)).append('\n');
    if (event.throwable() != null) {
      out.append(indent)
          .append(indentContinuation(StackTraceLines.summary(event.throwable()), indent))
          .append('\n');
    }
  }

  /** The text followed by spaces up to the width; a longer text still gets one space. */
  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }

  private static String padExact(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /** Indents every line but the first, so a multi-line value stays in its column. */
  private static String indentContinuation(String value, String indent) {
    return String.join("\n" + indent, value.split("\r\n|\r|\n", -1));
  }

  /** For values shown inside a line (keys, names): a line break there would break the layout. */
  private static String oneLine(String value) {
    return value.replaceAll("\r\n|\r|\n", " ");
  }
}

package dev.alertmail.mail;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.StackTraceLines;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Formats a digest as a self-contained HTML page: inline styles only (mail clients drop style
 * sheets), no scripts, images or links to fetch, a narrow max-width layout, and every value from a
 * log event escaped with {@link HtmlEscaper}.
 */
final class HtmlFormatter {

  private static final String FONT =
      "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
  private static final String MONO = "font-family:Menlo,Consolas,'Courier New',monospace;";
  // pre-wrap keeps the trace's lines and indentation but wraps long lines instead of overflowing
  private static final String WRAP = "white-space:pre-wrap;word-break:break-word;";
  private static final String PRE =
      "<pre style=\""
          + MONO
          + WRAP
          + "font-size:12px;line-height:1.4;margin:0;padding:8px;"
          + "background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;\">";
  private static final String H3 = "<h3 style=\"font-size:14px;margin:16px 0 6px;color:#333;\">";
  // fixed layout with breaking words keeps a long logger or MDC value from widening the table
  private static final String TABLE =
      "<table role=\"presentation\" style=\"border-collapse:collapse;width:100%;"
          + "table-layout:fixed;font-size:13px;\">";
  private static final String TH =
      "<th style=\"text-align:left;vertical-align:top;width:30%;padding:3px 8px 3px 0;"
          + "color:#666;font-weight:normal;word-break:break-word;\">";
  private static final String TD = "<td style=\"vertical-align:top;padding:3px 0;" + WRAP + "\">";

  private final Origin origin;

  HtmlFormatter(Origin origin) {
    this.origin = origin;
  }

  String format(Digest digest, String title) {
    return format(digest, title, Detail.FULL, null);
  }

  String format(Digest digest, String title, Detail detail, String note) {
    var out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n</head>\n")
        .append("<body style=\"margin:0;padding:0;background:#f4f4f4;\">\n")
        .append("<div style=\"max-width:720px;margin:0 auto;padding:16px;color:#222;")
        .append(FONT)
        .append("\">\n")
        .append("<h1 style=\"font-size:18px;margin:0 0 12px;\">")
        .append(esc(Wording.heading(digest, origin)))
        .append("</h1>\n");
    if (note != null) {
      note(out, note);
    }
    if (digest.heldBackSince() != null) {
      note(out, Wording.heldBack(digest, origin.zone()));
    }
    if (digest.droppedEvents() > 0) {
      note(out, Wording.dropped(digest));
    }
    List<DigestEntry> fresh = digest.entries().stream().filter(e -> !e.isRepeat()).toList();
    if (fresh.size() > 1) {
      // the whole incident on the first screen, before any detail
      lines(
          out,
          Wording.OVERVIEW,
          fresh.subList(0, Math.min(fresh.size(), Wording.FULL_ENTRIES)),
          null,
          true);
    }
    int full = Math.min(fresh.size(), detail.fullEntries());
    for (int i = 0; i < full; i++) {
      DigestEntry entry = fresh.get(i);
      alert(out, entry, Wording.entryTitle(i, fresh.size(), entry, digest, origin.zone()));
    }
    if (fresh.size() > full) {
      lines(out, Wording.ALSO, fresh.subList(full, fresh.size()), null, false);
    }
    if (digest.otherEvents() > 0) {
      out.append("<p style=\"margin:0 0 12px;font-size:14px;\">")
          .append(esc(Wording.others(digest)))
          .append("</p>\n");
    }
    List<DigestEntry> repeats = digest.entries().stream().filter(DigestEntry::isRepeat).toList();
    if (!repeats.isEmpty()) {
      lines(out, Wording.repeatsHeading(digest), repeats, digest, false);
    }
    out.append("<p style=\"margin:16px 0 0;font-size:12px;color:#888;\">")
        .append(esc(Wording.FOOTER))
        .append("</p>\n</div>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void note(StringBuilder out, String text) {
    out.append("<p style=\"margin:0 0 12px;padding:8px;background:#fff4e5;")
        .append("border:1px solid #f0c36d;border-radius:4px;font-size:14px;\">")
        .append(esc(text))
        .append("</p>\n");
  }

  /** Problems shown on one line each, under a heading; {@code repeatsOf} is null for new ones. */
  private void lines(
      StringBuilder out,
      String heading,
      List<DigestEntry> entries,
      Digest repeatsOf,
      boolean overview) {
    out.append(H3)
        .append(esc(heading))
        .append("</h3>\n<ul style=\"margin:0 0 12px;padding-left:18px;font-size:13px;\">\n");
    for (DigestEntry entry : entries) {
      out.append("<li style=\"")
          .append(WRAP)
          .append("\">")
          .append(
              esc(
                  repeatsOf != null
                      ? Wording.repeated(entry, repeatsOf, origin.zone())
                      : overview
                          ? Wording.overviewLine(entry, origin.zone())
                          : Wording.oneLine(entry, origin.zone())))
          .append("</li>\n");
    }
    out.append("</ul>\n");
  }

  private void alert(StringBuilder out, DigestEntry entry, String title) {
    Alert alert = entry.sample();
    String fingerprint = entry.fingerprint();
    AlertEvent trigger = alert.trigger();
    String colour = levelColour(trigger.level());
    out.append("<div style=\"background:#fff;border:1px solid #ddd;border-left:4px solid ")
        .append(colour)
        .append(";border-radius:4px;padding:12px;margin:0 0 16px;\">\n");
    if (!title.isEmpty()) {
      out.append("<p style=\"margin:0 0 6px;font-size:12px;color:#888;\">")
          .append(esc(title))
          .append("</p>\n");
    }
    out.append("<div style=\"font-size:15px;font-weight:bold;margin:0 0 10px;")
        .append(WRAP)
        .append("\">")
        .append(level(trigger.level()))
        .append(' ')
        .append(esc(trigger.message()))
        .append("</div>\n");
    for (Wording.Field field : FirstScreen.lines(trigger, entry, origin, origin.zone())) {
      out.append("<div style=\"margin:0 0 6px;font-size:14px;")
          .append(WRAP)
          .append("\"><span style=\"color:#666;\">")
          .append(esc(field.label()))
          .append(":</span> ")
          .append(
              field.label().equals("Cause") || field.label().equals("Where")
                  ? "<span style=\"" + MONO + "\">" + esc(field.value()) + "</span>"
                  : esc(field.value()))
          .append("</div>\n");
    }
    out.append(TABLE).append('\n');
    for (Wording.Field field : Wording.fields(trigger, origin)) {
      row(out, field.label(), field.value());
    }
    row(out, "Fingerprint", fingerprint);
    out.append("</table>\n");
    if (trigger.throwable() != null) {
      out.append(H3).append(esc(Wording.STACK_TRACE)).append("</h3>\n");
      out.append(PRE).append(StackTraceHtml.of(trigger, origin.appPackages())).append("</pre>\n");
    }
    if (!trigger.mdc().isEmpty()) {
      out.append(H3).append(esc(Wording.MDC)).append("</h3>\n").append(TABLE).append('\n');
      // sorted, so the same context reads the same in every mail
      for (Map.Entry<String, String> pair : new TreeMap<>(trigger.mdc()).entrySet()) {
        row(out, pair.getKey(), pair.getValue());
      }
      out.append("</table>\n");
    }
    if (!alert.context().isEmpty() || alert.contextCut() > 0) {
      out.append(H3)
          .append(esc(Wording.contextTitle(alert.context().size(), alert.contextCut())))
          .append("</h3>\n");
      for (AlertEvent event : alert.context()) {
        contextEvent(out, event);
      }
    }
    out.append("</div>\n");
  }

  /** One context event: a grey line of time, level, thread and logger, then the message. */
  private void contextEvent(StringBuilder out, AlertEvent event) {
    out.append("<div style=\"border-top:1px solid #eee;padding:4px 0;font-size:12px;\">\n")
        .append("<div style=\"color:#666;word-break:break-word;\">")
        .append(esc(TimeFormat.local(event.timestampMillis(), origin.zone())))
        .append(' ')
        .append(level(event.level()))
        .append(" [")
        .append(esc(event.threadName()))
        .append("] ")
        .append(esc(event.loggerName()))
        .append("</div>\n")
        .append("<div style=\"")
        .append(MONO)
        .append(WRAP)
        .append("\">")
        .append(esc(event.message()))
        .append("</div>\n");
    if (event.throwable() != null) {
      out.append("<div style=\"")
          .append(MONO)
          .append(WRAP)
          .append("color:#b00020;\">")
          .append(esc(StackTraceLines.summary(event.throwable())))
          .append("</div>\n");
    }
    out.append("</div>\n");
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append("<tr>")
        .append(TH)
        .append(esc(label))
        .append("</th>")
        .append(TD)
        .append(esc(value))
        .append("</td></tr>\n");
  }

  private static String level(String level) {
    return "<span style=\"color:"
        + levelColour(level)
        + ";font-weight:bold;\">"
        + esc(level)
        + "</span>";
  }

  private static String levelColour(String level) {
    return switch (level.toUpperCase(Locale.ROOT)) {
      case "ERROR" -> "#b00020";
      case "WARN" -> "#a15c00";
      case "INFO" -> "#1a5fb4";
      default -> "#6a737d";
    };
  }

  private static String esc(String text) {
    return HtmlEscaper.escape(text);
  }
}

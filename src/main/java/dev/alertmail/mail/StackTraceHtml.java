package dev.alertmail.mail;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.AppCode;
import dev.alertmail.alert.StackTraceLines;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack trace for the HTML part, read on a phone: the application's own frames stand out, and
 * runs of other frames (JDK, reflection, servlet container, Spring proxies) are folded into one
 * line saying how many there were. The text part keeps the whole trace as Java prints it.
 */
final class StackTraceHtml {

  /** Runs shorter than this are shown: folding two frames saves nothing. */
  static final int FOLD_AT = 3;

  private static final String APP = "<b style=\"color:#111;\">";
  private static final String FOLDED = "<span style=\"color:#888;font-style:italic;\">";

  private StackTraceHtml() {}

  /** The trace as escaped HTML lines, for a {@code <pre>}. */
  static String of(AlertEvent trigger, List<String> configured) {
    List<String> packages = configured;
    List<String> lines = StackTraceLines.of(trigger.throwable());
    // no frame of the application at all (its packages guessed wrong): fold nothing
    boolean any =
        lines.stream()
            .map(StackTraceHtml::frame)
            .anyMatch(f -> f != null && AppCode.isApplication(f, packages));
    var out = new StringBuilder();
    List<String> run = new ArrayList<>();
    for (String line : lines) {
      String frame = frame(line);
      if (any && frame != null && !AppCode.isApplication(frame, packages)) {
        run.add(line);
        continue;
      }
      flush(out, run);
      String shown = esc(line);
      out.append(frame != null ? APP + shown + "</b>" : shown).append('\n');
    }
    flush(out, run);
    return out.toString();
  }

  private static void flush(StringBuilder out, List<String> run) {
    if (run.size() >= FOLD_AT) {
      String indent = run.get(0).substring(0, run.get(0).indexOf("at "));
      out.append(esc(indent))
          .append(FOLDED)
          .append("\u2026 ")
          .append(run.size())
          .append(" framework frames folded (the text part has them all)</span>\n");
    } else {
      for (String line : run) {
        out.append(esc(line)).append('\n');
      }
    }
    run.clear();
  }

  /** The frame of an {@code at ...} line, or null for any other line. */
  private static String frame(String line) {
    String stripped = line.stripLeading();
    return stripped.startsWith("at ") ? stripped.substring(3) : null;
  }

  /** Escaped, with tabs as no-break spaces so "at" stays with its frame on a narrow screen. */
  private static String esc(String line) {
    return HtmlEscaper.escape(line.replace("\tat ", "\u00a0\u00a0at\u00a0").replace("\t", "  "));
  }
}

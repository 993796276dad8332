package dev.alertmail.mail;

import dev.alertmail.alert.ThrowableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwable as {@link Throwable#printStackTrace()} prints it: frames, {@code ... N more},
 * suppressed exceptions and the {@code Caused by:} chain, indented with tabs the same way.
 */
final class StackTraceLines {

  // not "... N more", which printStackTrace uses for frames shared with the enclosing trace
  private static final String CUT = " cut to fit the mail";

  private StackTraceLines() {}

  /** The lines of the trace, without line ends; a multi-line message stays one entry. */
  static List<String> of(ThrowableInfo throwable) {
    var lines = new ArrayList<String>();
    append(lines, throwable, "", "");
    return lines;
  }

  /** The whole trace as text, lines separated by {@code \n}. */
  static String text(ThrowableInfo throwable) {
    return String.join("\n", of(throwable));
  }

  /** {@code class: message}, as {@link Throwable#toString()} writes it. */
  static String summary(ThrowableInfo throwable) {
    return throwable.message() == null
        ? throwable.className()
        : throwable.className() + ": " + throwable.message();
  }

  // mirrors Throwable.printEnclosedStackTrace: caption and prefix grow for suppressed exceptions
  private static void append(
      List<String> lines, ThrowableInfo throwable, String caption, String prefix) {
    lines.add(prefix + caption + summary(throwable));
    for (String frame : throwable.frames()) {
      lines.add(prefix + "\tat " + frame);
    }
    if (throwable.framesCut() > 0) {
      lines.add(prefix + "\t... " + Wording.count(throwable.framesCut(), "frame", "frames") + CUT);
    }
    if (throwable.commonFrames() > 0) {
      lines.add(prefix + "\t... " + throwable.commonFrames() + " more");
    }
    for (ThrowableInfo suppressed : throwable.suppressed()) {
      append(lines, suppressed, "Suppressed: ", prefix + "\t");
    }
    if (throwable.suppressedCut() > 0) {
      lines.add(
          prefix
              + "\t... "
              + Wording.count(
                  throwable.suppressedCut(), "suppressed exception", "suppressed exceptions")
              + CUT);
    }
    if (throwable.cause() != null) {
      append(lines, throwable.cause(), "Caused by: ", prefix);
    }
    if (throwable.causesCut() > 0) {
      lines.add(prefix + "... " + Wording.count(throwable.causesCut(), "cause", "causes") + CUT);
    }
  }
}

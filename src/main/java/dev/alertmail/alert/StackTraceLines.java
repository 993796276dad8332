package dev.alertmail.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * A throwable as {@link Throwable#printStackTrace()} prints it: frames, {@code ... N more},
 * suppressed exceptions and the {@code Caused by:} chain, indented with tabs the same way.
 */
public final class StackTraceLines {

  // not "... N more", which printStackTrace uses for frames shared with the enclosing trace
  private static final String CUT = " cut to fit the mail";

  private StackTraceLines() {}

  private static String count(long count, String one, String many) {
    return String.format(java.util.Locale.ROOT, "%,d %s", count, count == 1 ? one : many);
  }

  /** The lines of the trace, without line ends; a multi-line message stays one entry. */
  public static List<String> of(ThrowableInfo throwable) {
    var lines = new ArrayList<String>();
    append(lines, throwable, "", "");
    return lines;
  }

  /** The whole trace as text, lines separated by {@code \n}. */
  public static String text(ThrowableInfo throwable) {
    return String.join("\n", of(throwable));
  }

  /** {@code class: message}, as {@link Throwable#toString()} writes it. */
  public static String summary(ThrowableInfo throwable) {
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
      lines.add(prefix + "\t... " + count(throwable.framesCut(), "frame", "frames") + CUT);
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
              + count(throwable.suppressedCut(), "suppressed exception", "suppressed exceptions")
              + CUT);
    }
    if (throwable.causesCut() > 0) {
      // said where the chain was cut: the cause printed next is its root
      lines.add(prefix + "... " + count(throwable.causesCut(), "cause", "causes") + CUT);
    }
    if (throwable.cause() != null) {
      append(lines, throwable.cause(), "Caused by: ", prefix);
    }
  }
}

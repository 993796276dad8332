package dev.alertmail.mail;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.ThrowableInfo;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a problem's first screen on a phone says, before the detail table: the exception with its
 * root cause in one line, where in the application's own code it happened, how often and since when
 * (in the title above it), and on which application and host.
 */
final class FirstScreen {

  private FirstScreen() {}

  /** The lines under the message, in order. */
  static List<Wording.Field> lines(
      AlertEvent trigger, DigestEntry entry, Origin origin, ZoneId zone) {
    List<Wording.Field> lines = new ArrayList<>();
    if (trigger.throwable() != null) {
      lines.add(new Wording.Field("Cause", cause(trigger.throwable())));
      String where = where(trigger, origin.appPackages());
      if (where != null) {
        lines.add(new Wording.Field("Where", where));
      }
    }
    String app = origin.application().isEmpty() ? "" : origin.application();
    String on = origin.host().isEmpty() ? "" : (app.isEmpty() ? "" : " on ") + origin.host();
    if (!(app + on).isEmpty()) {
      lines.add(new Wording.Field("Application", app + on));
    }
    return lines;
  }

  /**
   * {@code IllegalStateException: Could not record payment ← SQLException: Connection reset by
   * peer}: the exception and its root cause, simple class names, the middle of a long chain left
   * out.
   */
  static String cause(ThrowableInfo throwable) {
    ThrowableInfo root = throwable;
    while (root.cause() != null) {
      root = root.cause();
    }
    String top = oneLine(throwable);
    return root == throwable ? top : top + " \u2190 " + oneLine(root);
  }

  /**
   * The first frame of the application's own packages, from the root cause outwards (the deepest
   * place the application was involved), or null when no frame is the application's. Without
   * configured packages, the application's code is taken to be the first two parts of the
   * triggering logger's name ({@code com.shop} for {@code com.shop.checkout.OrderService}).
   */
  static String where(AlertEvent trigger, List<String> configured) {
    List<String> packages = configured.isEmpty() ? derived(trigger.loggerName()) : configured;
    if (packages.isEmpty()) {
      return null;
    }
    List<ThrowableInfo> chain = new ArrayList<>();
    for (ThrowableInfo t = trigger.throwable(); t != null; t = t.cause()) {
      chain.add(0, t);
    }
    for (ThrowableInfo t : chain) {
      for (String frame : t.frames()) {
        if (isApplication(frame, packages)) {
          return frame;
        }
      }
    }
    return null;
  }

  static boolean isApplication(String frame, List<String> packages) {
    for (String prefix : packages) {
      if (frame.startsWith(prefix + ".") || frame.startsWith(prefix + "$")) {
        return true;
      }
    }
    return false;
  }

  static List<String> derived(String loggerName) {
    String[] parts = loggerName.split("\\.");
    if (parts.length < 3) {
      return parts.length == 2 ? List.of(parts[0]) : List.of();
    }
    return List.of(parts[0] + "." + parts[1]);
  }

  private static String oneLine(ThrowableInfo t) {
    String name = t.className().substring(t.className().lastIndexOf('.') + 1);
    String message = t.message() == null ? "" : Wording.flat(t.message());
    return message.isEmpty() ? name : name + ": " + message;
  }
}

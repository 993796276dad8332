package dev.alertmail.mail;

import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.AppCode;
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
      String where = AppCode.where(trigger, origin.appPackages());
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

  private static String oneLine(ThrowableInfo t) {
    String name = t.className().substring(t.className().lastIndexOf('.') + 1);
    String message = t.message() == null ? "" : Wording.flat(t.message());
    return message.isEmpty() ? name : name + ": " + message;
  }
}

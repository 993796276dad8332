package dev.alertmail.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * Which stack frames are the application's own code, and where in it a problem happened: what a
 * mail names as "Where", what its HTML trace keeps in view, what an Alertmanager alert calls {@code
 * where}.
 */
public final class AppCode {

  private AppCode() {}

  /**
   * The first frame of the application's own packages, from the root cause outwards (the deepest
   * place the application was involved), or null when no frame is the application's. Without
   * configured packages, the application's code is taken to be the first two parts of the
   * triggering logger's name ({@code com.shop} for {@code com.shop.checkout.OrderService}).
   */
  public static String where(AlertEvent trigger, List<String> configured) {
    List<String> packages = packages(trigger, configured);
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

  /** {@return the configured packages, or those derived from the trigger's logger} */
  public static List<String> packages(AlertEvent trigger, List<String> configured) {
    return configured.isEmpty() ? derived(trigger.loggerName()) : configured;
  }

  /** {@return whether a frame such as {@code com.shop.Foo.bar(Foo.java:1)} is in the packages} */
  public static boolean isApplication(String frame, List<String> packages) {
    for (String prefix : packages) {
      if (frame.startsWith(prefix + ".") || frame.startsWith(prefix + "$")) {
        return true;
      }
    }
    return false;
  }

  /** {@return the first two parts of a logger's name: its application's packages, as a guess} */
  public static List<String> derived(String loggerName) {
    String[] parts = loggerName.split("\\.");
    if (parts.length < 3) {
      return parts.length == 2 ? List.of(parts[0]) : List.of();
    }
    return List.of(parts[0] + "." + parts[1]);
  }
}

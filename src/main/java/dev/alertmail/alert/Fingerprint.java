package dev.alertmail.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two alerts the same problem: the logger, the message template (so "timeout on order
 * 17" and "timeout on order 42" match), the exception class chain and the top frames of each
 * exception by method, not line number (so a rebuild does not split a problem in two).
 */
public final class Fingerprint {

  /**
   * Frames per exception that take part: enough to tell call sites apart, few enough to be stable.
   */
  static final int TOP_FRAMES = 5;

  private static final int MAX_CAUSES = 8;

  private Fingerprint() {}

  /** {@return a stable 12-hex-digit fingerprint of the event} */
  public static String of(AlertEvent event) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    update(sha, event.loggerName());
    update(sha, event.messageTemplate());
    ThrowableInfo throwable = event.throwable();
    for (int depth = 0; throwable != null && depth < MAX_CAUSES; depth++) {
      update(sha, throwable.className());
      int frames = Math.min(TOP_FRAMES, throwable.frames().size());
      for (int i = 0; i < frames; i++) {
        update(sha, method(throwable.frames().get(i)));
      }
      throwable = throwable.cause();
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 6);
  }

  /** {@code com.x.Foo.bar(Foo.java:12)} becomes {@code com.x.Foo.bar}. */
  static String method(String frame) {
    int paren = frame.indexOf('(');
    return paren < 0 ? frame : frame.substring(0, paren);
  }

  private static void update(MessageDigest sha, String value) {
    sha.update(value.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0); // a separator, so ("ab", "c") and ("a", "bc") differ
  }
}

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
  public static final int TOP_FRAMES = 5;

  /** Exceptions of a cause chain that take part. */
  public static final int MAX_CAUSES = 8;

  /**
   * Characters of the message template that take part: two messages that agree this far are one
   * problem, and an alert cut to fit a mail keeps its fingerprint.
   */
  public static final int TEMPLATE_CHARS = 4_096;

  private Fingerprint() {}

  /** {@return a stable 12-hex-digit fingerprint of the event} */
  public static String of(AlertEvent event) {
    Builder fingerprint = builder(event.loggerName(), event.messageTemplate());
    ThrowableInfo throwable = event.throwable();
    for (int depth = 0; throwable != null && depth < MAX_CAUSES; depth++) {
      fingerprint.exception(throwable.className());
      int frames = Math.min(TOP_FRAMES, throwable.frames().size());
      for (int i = 0; i < frames; i++) {
        fingerprint.frame(throwable.frames().get(i));
      }
      throwable = throwable.cause();
    }
    return fingerprint.build();
  }

  /**
   * {@return a fingerprint to feed an event's parts into}, for an adapter that computes it from its
   * framework's event without building an {@link AlertEvent}: the logger, the template, then per
   * exception of the cause chain (at most {@link #MAX_CAUSES}) its class and its first {@link
   * #TOP_FRAMES} own frames (those not shared with the enclosing exception), as {@code
   * StackTraceElement.toString()} writes them
   */
  public static Builder builder(String loggerName, String messageTemplate) {
    return new Builder(loggerName, messageTemplate);
  }

  /** Collects an event's parts; see {@link #builder}. */
  public static final class Builder {
    private final MessageDigest sha;

    private Builder(String loggerName, String messageTemplate) {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      update(sha, loggerName);
      update(
          sha,
          messageTemplate != null && messageTemplate.length() > TEMPLATE_CHARS
              ? messageTemplate.substring(0, TEMPLATE_CHARS)
              : messageTemplate);
    }

    /** The next exception of the chain, by class name. */
    public Builder exception(String className) {
      update(sha, className);
      return this;
    }

    /** One of the exception's top frames, e.g. {@code com.x.Foo.bar(Foo.java:12)}. */
    public Builder frame(String frame) {
      update(sha, method(frame));
      return this;
    }

    /** {@return the 12 hex digits} */
    public String build() {
      return HexFormat.of().formatHex(sha.digest(), 0, 6);
    }
  }

  /** {@code com.x.Foo.bar(Foo.java:12)} becomes {@code com.x.Foo.bar}. */
  static String method(String frame) {
    int paren = frame.indexOf('(');
    return paren < 0 ? frame : frame.substring(0, paren);
  }

  private static void update(MessageDigest sha, String value) {
    // log.error((String) null) is legal, and so is a logger without a name
    if (value != null) {
      sha.update(value.getBytes(StandardCharsets.UTF_8));
    }
    sha.update((byte) 0); // a separator, so ("ab", "c") and ("a", "bc") differ
  }
}

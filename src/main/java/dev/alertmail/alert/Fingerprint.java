package dev.alertmail.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two alerts the same problem. An event with an exception is its logger, the exception
 * classes of its cause chain and the top frames of each that are the application's own code, by
 * method, not line number (a rebuild does not split a problem) and never the message: {@code
 * log.error("failed for order " + id, e)} and Tomcat's formatted line about a failed request are
 * one problem for every order and request. An event without one is its logger and the shape of its
 * message ({@link MessageShape}: numbers, ids, quoted values, addresses taken out).
 */
public final class Fingerprint {

  /**
   * Frames per exception that take part: enough to tell call sites apart, few enough to be stable.
   */
  public static final int TOP_FRAMES = 5;

  /** Exceptions of a cause chain that take part. */
  public static final int MAX_CAUSES = 8;

  private Fingerprint() {}

  /** {@return a stable 12-hex-digit fingerprint of the event} */
  public static String of(AlertEvent event) {
    ThrowableInfo throwable = event.throwable();
    Builder fingerprint = builder(event.loggerName(), event.messageTemplate(), throwable != null);
    for (int depth = 0; throwable != null && depth < MAX_CAUSES; depth++) {
      fingerprint.exception(throwable.className());
      for (int i = 0; i < throwable.frames().size() && fingerprint.wantsFrames(); i++) {
        fingerprint.frame(throwable.frames().get(i));
      }
      throwable = throwable.cause();
    }
    return fingerprint.build();
  }

  /**
   * {@return a fingerprint to feed an event's parts into}, for an adapter that computes it from its
   * framework's event without building an {@link AlertEvent}: the logger, the message's shape when
   * there is no exception, then per exception of the cause chain (at most {@link #MAX_CAUSES}) its
   * class and its own frames (those not shared with the enclosing exception) while {@link
   * Builder#wantsFrames()}, as {@code StackTraceElement.toString()} writes them
   */
  public static Builder builder(String loggerName, String messageTemplate, boolean hasThrowable) {
    return new Builder(loggerName, hasThrowable ? null : messageTemplate, hasThrowable);
  }

  /** Collects an event's parts; see {@link #builder}. */
  public static final class Builder {
    private final MessageDigest sha;
    private int frames;

    private Builder(String loggerName, String messageTemplate, boolean hasThrowable) {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      update(sha, loggerName);
      if (!hasThrowable) {
        update(sha, MessageShape.of(messageTemplate));
      }
    }

    /** The next exception of the chain, by class name; its frames follow. */
    public Builder exception(String className) {
      update(sha, className);
      frames = 0;
      return this;
    }

    /** {@return whether the current exception takes more frames} */
    public boolean wantsFrames() {
      return frames < TOP_FRAMES;
    }

    /**
     * One of the current exception's own frames, e.g. {@code com.x.Foo.bar(Foo.java:12)}: it takes
     * part when it is not a framework's and fewer than {@link #TOP_FRAMES} did.
     */
    public Builder frame(String frame) {
      if (frames < TOP_FRAMES && !AppCode.isFramework(frame)) {
        update(sha, method(frame));
        frames++;
      }
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

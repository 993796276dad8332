package dev.alertmail.alert;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of a throwable: class, message, stack frames, causes and suppressed
 * exceptions, in the shape {@link Throwable#printStackTrace()} prints them.
 *
 * @param className the fully qualified class name of the throwable
 * @param message its message, or null
 * @param frames its stack frames, outermost last, each as {@code com.example.Foo.bar(Foo.java:12)}
 *     without the leading {@code "at "}
 * @param commonFrames how many further frames it shares with the enclosing throwable (printed as
 *     {@code ... N more})
 * @param cause the cause, or null
 * @param suppressed suppressed exceptions, never null
 * @param framesCut own frames left out after {@code frames} to keep the mail within its size
 * @param suppressedCut suppressed exceptions left out after {@code suppressed}
 * @param causesCut causes left out after {@code cause}'s chain ended (counted on the throwable
 *     whose cause was left out)
 */
public record ThrowableInfo(
    String className,
    String message,
    List<String> frames,
    int commonFrames,
    ThrowableInfo cause,
    List<ThrowableInfo> suppressed,
    int framesCut,
    int suppressedCut,
    int causesCut) {

  /** Checks the required fields and takes unmodifiable copies of the lists. */
  public ThrowableInfo {
    Objects.requireNonNull(className, "className");
    frames = frames == null ? List.of() : List.copyOf(frames);
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
    if (commonFrames < 0 || framesCut < 0 || suppressedCut < 0 || causesCut < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0: " + commonFrames + ", " + framesCut + ", " + suppressedCut);
    }
  }

  /** A throwable as read, nothing cut. */
  public ThrowableInfo(
      String className,
      String message,
      List<String> frames,
      int commonFrames,
      ThrowableInfo cause,
      List<ThrowableInfo> suppressed) {
    this(className, message, frames, commonFrames, cause, suppressed, 0, 0, 0);
  }

  /** {@return the innermost cause of the chain, this throwable when it has none} */
  public ThrowableInfo root() {
    ThrowableInfo root = this;
    while (root.cause != null) {
      root = root.cause;
    }
    return root;
  }
}

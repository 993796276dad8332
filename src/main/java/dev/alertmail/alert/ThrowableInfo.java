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
 */
public record ThrowableInfo(
    String className,
    String message,
    List<String> frames,
    int commonFrames,
    ThrowableInfo cause,
    List<ThrowableInfo> suppressed) {

  /** Checks the required fields and takes unmodifiable copies of the lists. */
  public ThrowableInfo {
    Objects.requireNonNull(className, "className");
    frames = frames == null ? List.of() : List.copyOf(frames);
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
    if (commonFrames < 0) {
      throw new IllegalArgumentException("commonFrames must be >= 0: " + commonFrames);
    }
  }
}

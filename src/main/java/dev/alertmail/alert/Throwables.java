package dev.alertmail.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Snapshots a {@link Throwable} as {@link Throwable#printStackTrace()} prints it: each cause and
 * suppressed exception with only its own frames and the count of frames it shares with the
 * enclosing one, a cycle marked instead of followed, the depth bounded.
 *
 * <p>An application's exception is untrusted code: its {@code getMessage()}, {@code getCause()} or
 * {@code getStackTrace()} may throw, or return null or null frames. Each is read on its own, and
 * what cannot be read is noted in its place ({@code <getMessage() threw IllegalStateException>}),
 * so the rest of the exception, and the alert, still arrive.
 */
public final class Throwables {

  /** Bounds the chain: a pathological chain must not exhaust memory. */
  private static final int MAX_DEPTH = 32;

  private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

  private Throwables() {}

  /** {@return the snapshot, or null for no throwable} */
  public static ThrowableInfo describe(Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return describe(throwable, NO_FRAMES, seen, 0);
  }

  /**
   * Feeds the throwable's cause chain into a fingerprint, as {@link Fingerprint#of} reads the
   * snapshot {@link #describe} would make, without making it.
   */
  public static Fingerprint.Builder fingerprint(Fingerprint.Builder into, Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    StackTraceElement[] enclosing = NO_FRAMES;
    for (int depth = 0; throwable != null && depth < Fingerprint.MAX_CAUSES; depth++) {
      into.exception(throwable.getClass().getName());
      if (!seen.add(throwable)) {
        break; // a cycle: describe() ends the chain here, with no frames
      }
      StackTraceElement[] trace = frames(throwable);
      int common = common(trace, enclosing);
      for (int i = 0; i < trace.length - common && into.wantsFrames(); i++) {
        into.frame(trace[i].toString());
      }
      enclosing = trace;
      throwable = cause(throwable);
    }
    return into;
  }

  private static ThrowableInfo describe(
      Throwable throwable, StackTraceElement[] enclosing, Set<Throwable> seen, int depth) {
    if (throwable == null || depth > MAX_DEPTH) {
      return null;
    }
    String message = message(throwable);
    if (!seen.add(throwable)) {
      return new ThrowableInfo(
          throwable.getClass().getName(),
          "[CIRCULAR REFERENCE] " + (message == null ? "" : message),
          List.of(),
          0,
          null,
          List.of());
    }
    StackTraceElement[] trace = frames(throwable);
    int common = common(trace, enclosing);
    List<String> frames = new ArrayList<>(trace.length - common);
    for (int i = 0; i < trace.length - common; i++) {
      frames.add(trace[i].toString());
    }
    List<ThrowableInfo> suppressed = new ArrayList<>();
    for (Throwable s : throwable.getSuppressed()) {
      ThrowableInfo info = describe(s, trace, seen, depth + 1);
      if (info != null) {
        suppressed.add(info);
      }
    }
    return new ThrowableInfo(
        throwable.getClass().getName(),
        message,
        frames,
        common,
        describe(cause(throwable), trace, seen, depth + 1),
        suppressed);
  }

  /** Frames shared with the enclosing throwable's trace, counted from the outermost. */
  private static int common(StackTraceElement[] trace, StackTraceElement[] enclosing) {
    int common = 0;
    for (int m = trace.length - 1, n = enclosing.length - 1;
        m >= 0 && n >= 0 && trace[m].equals(enclosing[n]);
        m--, n--) {
      common++;
    }
    return common;
  }

  private static String message(Throwable throwable) {
    return Unreadable.text(throwable::getMessage, "getMessage()");
  }

  /** The cause, or null when there is none or asking for it threw. */
  private static Throwable cause(Throwable throwable) {
    try {
      return throwable.getCause();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return null;
    }
  }

  /** The frames, without null ones; none when the throwable gives none or asking threw. */
  private static StackTraceElement[] frames(Throwable throwable) {
    StackTraceElement[] trace;
    try {
      trace = throwable.getStackTrace();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return NO_FRAMES;
    }
    if (trace == null) {
      return NO_FRAMES;
    }
    int nulls = 0;
    for (StackTraceElement frame : trace) {
      nulls += frame == null ? 1 : 0;
    }
    if (nulls == 0) {
      return trace;
    }
    StackTraceElement[] kept = new StackTraceElement[trace.length - nulls];
    int i = 0;
    for (StackTraceElement frame : trace) {
      if (frame != null) {
        kept[i++] = frame;
      }
    }
    return kept;
  }
}

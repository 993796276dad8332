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
 */
public final class Throwables {

  /** Bounds the chain: a pathological chain must not exhaust memory. */
  private static final int MAX_DEPTH = 32;

  private Throwables() {}

  /** {@return the snapshot, or null for no throwable} */
  public static ThrowableInfo describe(Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return describe(throwable, new StackTraceElement[0], seen, 0);
  }

  /**
   * Feeds the throwable's cause chain into a fingerprint, as {@link Fingerprint#of} reads the
   * snapshot {@link #describe} would make, without making it.
   */
  public static Fingerprint.Builder fingerprint(Fingerprint.Builder into, Throwable throwable) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    StackTraceElement[] enclosing = new StackTraceElement[0];
    for (int depth = 0; throwable != null && depth < Fingerprint.MAX_CAUSES; depth++) {
      into.exception(throwable.getClass().getName());
      if (!seen.add(throwable)) {
        break; // a cycle: describe() ends the chain here, with no frames
      }
      StackTraceElement[] trace = throwable.getStackTrace();
      int common = 0;
      for (int m = trace.length - 1, n = enclosing.length - 1;
          m >= 0 && n >= 0 && trace[m].equals(enclosing[n]);
          m--, n--) {
        common++;
      }
      for (int i = 0; i < Math.min(Fingerprint.TOP_FRAMES, trace.length - common); i++) {
        into.frame(trace[i].toString());
      }
      enclosing = trace;
      throwable = throwable.getCause();
    }
    return into;
  }

  private static ThrowableInfo describe(
      Throwable throwable, StackTraceElement[] enclosing, Set<Throwable> seen, int depth) {
    if (throwable == null || depth > MAX_DEPTH) {
      return null;
    }
    String message = throwable.getMessage();
    if (!seen.add(throwable)) {
      return new ThrowableInfo(
          throwable.getClass().getName(),
          "[CIRCULAR REFERENCE] " + (message == null ? "" : message),
          List.of(),
          0,
          null,
          List.of());
    }
    StackTraceElement[] trace = throwable.getStackTrace();
    int common = 0;
    for (int m = trace.length - 1, n = enclosing.length - 1;
        m >= 0 && n >= 0 && trace[m].equals(enclosing[n]);
        m--, n--) {
      common++;
    }
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
        describe(throwable.getCause(), trace, seen, depth + 1),
        suppressed);
  }
}

package dev.alertmail.alert;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for retrying a transient failure: 5 s, 10 s, 20 s ... capped at 5
 * minutes, each delay drawn between half and all of its step, so many appenders that lost the same
 * server do not come back in lockstep.
 */
public final class Backoff {

  /** The first delay's step. */
  public static final Duration FIRST = Duration.ofSeconds(5);

  /** The longest step. */
  public static final Duration CAP = Duration.ofMinutes(5);

  private final RandomGenerator random;
  private final long firstMillis;
  private final long capMillis;
  private int failures;

  /** A backoff drawing its jitter from {@code random}: 5 s, doubling, up to 5 minutes. */
  public Backoff(RandomGenerator random) {
    this(random, FIRST, CAP);
  }

  /** A backoff from {@code first}, doubling, up to {@code cap}. */
  public Backoff(RandomGenerator random, Duration first, Duration cap) {
    this.random = random;
    this.firstMillis = Math.max(1, first.toMillis());
    this.capMillis = Math.max(firstMillis, cap.toMillis());
  }

  /** {@return the delay before the next attempt}, longer after each failure in a row */
  public Duration next() {
    long step = firstMillis << Math.min(failures, 16);
    step = Math.min(step, capMillis);
    failures++;
    return Duration.ofMillis(step / 2 + random.nextLong(step / 2 + 1));
  }

  /** A success ends the streak. */
  public void reset() {
    failures = 0;
  }

  /** {@return the failures in the current streak} */
  public int failures() {
    return failures;
  }
}

package dev.alertmail.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code capacity} takes per {@code period}, refilled continuously: a burst may use the
 * whole bucket, then one token returns every {@code period / capacity}. Time is passed in, so tests
 * run on a virtual clock. Not thread-safe: the sender thread owns it.
 */
final class TokenBucket {

  private final int capacity;
  private final long nanosPerToken;
  private double tokens;
  private Instant refilledAt;

  TokenBucket(int capacity, Duration period, Instant now) {
    this.capacity = capacity;
    this.nanosPerToken = Math.max(1, saturatedNanos(period) / capacity);
    this.tokens = capacity;
    this.refilledAt = now;
  }

  // settings bound the period far below this; a period beyond 292 years must still not throw
  private static long saturatedNanos(Duration period) {
    try {
      return period.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Takes a token if there is one. */
  boolean tryTake(Instant now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Gives back a token whose mail could not be sent, so a retry does not pay twice. */
  void refund() {
    tokens = Math.min(capacity, tokens + 1);
  }

  /** {@return when the next token will be there; {@code now} if there is one} */
  Instant nextToken(Instant now) {
    refill(now);
    if (tokens >= 1) {
      return now;
    }
    return now.plusNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
  }

  private void refill(Instant now) {
    if (now.isAfter(refilledAt)) {
      long elapsed = saturatedNanos(Duration.between(refilledAt, now));
      tokens = Math.min(capacity, tokens + (double) elapsed / nanosPerToken);
      refilledAt = now;
    }
  }
}

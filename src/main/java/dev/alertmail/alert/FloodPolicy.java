package dev.alertmail.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * How flood control shapes a stream of alerts into mails.
 *
 * @param groupWait how long a group stays open after its first trigger, gathering what follows
 * @param maxMails the token bucket's size: at most this many mails ...
 * @param ratePeriod ... per this period
 * @param dedupWindow how long a fingerprint already mailed is counted rather than mailed again
 */
public record FloodPolicy(
    Duration groupWait, int maxMails, Duration ratePeriod, Duration dedupWindow) {

  /** The documented defaults: 10 seconds, 12 mails per hour, 1 hour. */
  public static final FloodPolicy DEFAULTS =
      new FloodPolicy(Duration.ofSeconds(10), 12, Duration.ofHours(1), Duration.ofHours(1));

  /** Checks the values. */
  public FloodPolicy {
    Objects.requireNonNull(groupWait, "groupWait");
    Objects.requireNonNull(ratePeriod, "ratePeriod");
    Objects.requireNonNull(dedupWindow, "dedupWindow");
    if (groupWait.isNegative()) {
      throw new IllegalArgumentException("groupWait must not be negative");
    }
    if (maxMails < 1) {
      throw new IllegalArgumentException("maxMails must be at least 1");
    }
    if (ratePeriod.isNegative() || ratePeriod.isZero()) {
      throw new IllegalArgumentException("ratePeriod must be positive");
    }
    if (dedupWindow.isNegative()) {
      throw new IllegalArgumentException("dedupWindow must not be negative");
    }
  }
}

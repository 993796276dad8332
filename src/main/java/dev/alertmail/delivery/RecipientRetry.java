package dev.alertmail.delivery;

import dev.alertmail.alert.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A mail that some recipients accepted and others refused for now (a 4xx at RCPT, or their domain's
 * servers unreachable): the same bytes, so the same Message-ID and {@code X-AlertMail-Count}, kept
 * for those recipients alone and tried again with backoff. Recipients that accepted never get it
 * twice.
 *
 * <p>Mutable and owned by the sender thread.
 */
final class RecipientRetry {

  /** Attempts after the first: about half an hour with the backoff, past most greylisting. */
  static final int MAX_RETRIES = 12;

  private final String subject;
  private final String sender;
  private final byte[] message;
  private final Instant firstTried;
  private final Backoff backoff;
  private List<String> waiting;
  private String lastReason;
  private Instant due;
  private int retries;

  RecipientRetry(
      String subject,
      String sender,
      byte[] message,
      List<String> waiting,
      String reason,
      Instant now,
      Backoff backoff) {
    this.subject = subject;
    this.sender = sender;
    this.message = message;
    this.firstTried = now;
    this.backoff = backoff;
    this.waiting = List.copyOf(waiting);
    this.lastReason = reason;
    this.due = now.plus(backoff.next());
  }

  String subject() {
    return subject;
  }

  String sender() {
    return sender;
  }

  byte[] message() {
    return message;
  }

  List<String> waiting() {
    return waiting;
  }

  String lastReason() {
    return lastReason;
  }

  Instant due() {
    return due;
  }

  int retries() {
    return retries;
  }

  Duration age(Instant now) {
    return Duration.between(firstTried, now);
  }

  /**
   * An attempt left these recipients still waiting.
   *
   * @return whether another attempt may follow
   */
  boolean stillWaiting(List<String> recipients, String reason, Instant now) {
    retries++;
    waiting = List.copyOf(recipients);
    lastReason = reason;
    due = now.plus(backoff.next());
    return retries < MAX_RETRIES;
  }

  /** {@return the delay until the next attempt, for the status message} */
  Duration untilDue(Instant now) {
    return Duration.between(now, due);
  }
}

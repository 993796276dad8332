package dev.alertmail.alertmanager;

import dev.alertmail.alert.Alert;
import java.time.Instant;

/**
 * One problem as this instance reports it to Alertmanager: its sample and exact count in the
 * current incident, and where its alert stands (posted, accepted, resolving, mailed instead).
 * Mutable; the sender thread owns it.
 */
final class Problem {

  final String fingerprint;
  Alert sample;
  long count;
  Instant firstSeen;
  Instant lastSeen;
  // on the sender's clock: when the incident opened, and when an event last arrived
  Instant openedAt;
  Instant lastActivity;
  // some replica took a post of this incident
  boolean accepted;
  // posts of the resolution that a replica took; forgotten after a few
  int resolvePosts;
  // the count the last post a replica took carried: what is beyond it is said nowhere yet
  long postedCount;
  // its first firing was mailed because no replica took it in time
  boolean fellBack;
  // what its alert says that depends on its sample only, made once per incident
  java.util.Map<String, String> labels;
  java.util.Map<String, String> fixedAnnotations;

  Problem(String fingerprint, Alert sample, Instant at, Instant now) {
    this.fingerprint = fingerprint;
    open(sample, at, now);
  }

  /** A new incident: after a resolution, the problem starts again from this event. */
  void open(Alert sample, Instant at, Instant now) {
    this.sample = sample;
    this.count = 1;
    this.firstSeen = at;
    this.lastSeen = at;
    this.openedAt = now;
    this.lastActivity = now;
    this.accepted = false;
    this.resolvePosts = 0;
    this.postedCount = 0;
    this.fellBack = false;
    this.labels = null;
    this.fixedAnnotations = null;
  }

  void add(long events, Instant at, Instant now) {
    count += events;
    if (at.isAfter(lastSeen)) {
      lastSeen = at;
    }
    if (at.isBefore(firstSeen)) {
      firstSeen = at;
    }
    lastActivity = now;
  }

  /** {@return whether the problem has been quiet for {@code resolveAfter}} */
  boolean isQuiet(Instant now, java.time.Duration resolveAfter) {
    return !now.isBefore(lastActivity.plus(resolveAfter));
  }

  /** {@return whether its events go to mail: mailed once, and no replica took it since} */
  boolean mailing() {
    return fellBack && !accepted;
  }
}

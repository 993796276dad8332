package dev.alertmail.alert;

import java.util.List;
import java.util.Objects;

/**
 * One triggering event with the events that preceded it, as taken on the application thread.
 *
 * @param trigger the event that triggered the alert
 * @param context the events logged before the trigger, oldest first, never including the trigger
 * @param subject the subject line rendered from the trigger with the configured pattern; untrusted,
 *     the mail stage removes control characters and encodes it
 * @param contextCut earlier context events left out to keep the mail within its size
 */
public record Alert(AlertEvent trigger, List<AlertEvent> context, String subject, int contextCut)
    implements AlertSource {

  /** Checks the required fields and takes an unmodifiable copy of the context. */
  public Alert {
    Objects.requireNonNull(trigger, "trigger");
    context = context == null ? List.of() : List.copyOf(context);
    subject = subject == null ? "" : subject;
    if (contextCut < 0) {
      throw new IllegalArgumentException("contextCut must be >= 0: " + contextCut);
    }
  }

  /** An alert as taken, nothing cut. */
  public Alert(AlertEvent trigger, List<AlertEvent> context, String subject) {
    this(trigger, context, subject, 0);
  }

  /** An alert built already is its own source. */
  @Override
  public Alert toAlert() {
    return this;
  }
}

package dev.alertmail.alert;

import java.util.List;

/**
 * What one mail reports: the alerts it shows and the triggering events it could not show.
 *
 * @param alerts the alerts shown in full, in the order they happened; never empty
 * @param droppedEvents triggering events lost before this mail because the hand-off between the
 *     application and the sender was full; each mail reports the drops since the previous one
 */
public record Digest(List<Alert> alerts, long droppedEvents) {

  /** Checks that there is something to report and takes an unmodifiable copy of the alerts. */
  public Digest {
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a digest needs at least one alert");
    }
    if (droppedEvents < 0) {
      throw new IllegalArgumentException("droppedEvents must be >= 0: " + droppedEvents);
    }
  }

  /** The alert whose event opened this mail; its subject is the mail's subject. */
  public Alert first() {
    return alerts.get(0);
  }

  /** Number of triggering events this mail accounts for: the shown alerts plus the dropped ones. */
  public long triggeringEvents() {
    return alerts.size() + droppedEvents;
  }
}

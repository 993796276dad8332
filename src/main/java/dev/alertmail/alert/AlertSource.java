package dev.alertmail.alert;

/**
 * An alert as handed from an application thread to the sender: whatever is costly to build (the
 * stack trace as text, the subject) is built by {@link #toAlert()} on the sender thread, from data
 * the application thread already made safe to share.
 */
public interface AlertSource {

  /** {@return the alert}; called once, on the sender thread */
  Alert toAlert();
}

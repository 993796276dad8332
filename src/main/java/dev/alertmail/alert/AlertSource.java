package dev.alertmail.alert;

/**
 * An alert as handed from an application thread to the sender: whatever is costly to build (the
 * stack trace as text, the subject) is built by {@link #toAlert()} on the sender thread, from data
 * the application thread already made safe to share.
 */
public interface AlertSource {

  /** {@return the alert}; called at most once, on the sender thread */
  Alert toAlert();

  /**
   * {@return the alert's {@link Fingerprint}, computed from the prepared event without building the
   * alert}, or null when only {@link #toAlert()} can tell. In a storm most alerts are only counted
   * under a problem already pending: knowing the fingerprint first spares the sender building each
   * one (stack trace, context, subject).
   */
  default String fingerprint() {
    return null;
  }

  /** {@return when the triggering event was logged}; used with {@link #fingerprint()} */
  default long timestampMillis() {
    return 0;
  }
}

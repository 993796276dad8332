package dev.alertmail.delivery;

/**
 * The status sink as the sender thread uses it: a report that fails (a user's status listener that
 * throws, as one may) costs that report, never the alert it was about or the sender thread.
 */
final class GuardedStatus implements StatusSink {

  private final StatusSink sink;

  GuardedStatus(StatusSink sink) {
    this.sink = sink;
  }

  @Override
  public void info(String message) {
    try {
      sink.info(message);
    } catch (RuntimeException | LinkageError e) {
      // a report lost; the work it was about goes on
    }
  }

  @Override
  public void warn(String message) {
    try {
      sink.warn(message);
    } catch (RuntimeException | LinkageError e) {
      // a report lost; the work it was about goes on
    }
  }

  @Override
  public void error(String message, Throwable cause) {
    try {
      sink.error(message, cause);
    } catch (RuntimeException | LinkageError e) {
      // a report lost; the work it was about goes on
    }
  }
}

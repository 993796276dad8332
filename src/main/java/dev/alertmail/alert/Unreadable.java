package dev.alertmail.alert;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What is shown of an event, or of one of its parts, that could not be read: a {@code getMessage()}
 * that throws, an argument whose {@code toString()} fails, a bug of ours. What one event carries
 * may cost that event's detail, never its alert and never another event's, so each part is read on
 * its own and a failure leaves a note in its place, such as {@code <getMessage() threw
 * IllegalStateException>}.
 */
public final class Unreadable {

  private Unreadable() {}

  /**
   * {@return what {@code read} gives, or a note saying that {@code what} threw}
   *
   * @param read reads the part, e.g. {@code throwable::getMessage}
   * @param what how a reader names the part, e.g. {@code getMessage()}
   */
  public static String text(Supplier<String> read, String what) {
    try {
      return read.get();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return note(what, e);
    }
  }

  /** {@return {@code <what threw ExceptionType>}} */
  public static String note(String what, Throwable failure) {
    return "<" + what + " threw " + failure.getClass().getSimpleName() + ">";
  }

  /**
   * {@return an event standing in for one that could not be read at all}: it keeps what is known
   * (time, level, logger) and says why the rest is missing.
   */
  public static AlertEvent event(long timestampMillis, String level, String logger, Throwable e) {
    return new AlertEvent(
        timestampMillis,
        level == null ? "ERROR" : level,
        logger,
        // one problem per kind of failure, as an exception's type makes one
        "<event could not be read: " + e.getClass().getName() + ">",
        "<this event could not be read: " + e.getClass().getName() + ">",
        "",
        Map.of(),
        null);
  }

  /**
   * {@return an alert standing in for one that could not be read at all}, so the event is still
   * mailed and counted, under its own problem, instead of being lost
   */
  public static Alert alert(AlertSource source, Throwable e, long nowMillis) {
    long at = 0;
    try {
      at = source.timestampMillis();
    } catch (RuntimeException | LinkageError ignored) {
      // the time of reading will do
    }
    AlertEvent trigger = event(at > 0 ? at : nowMillis, "ERROR", "", e);
    return new Alert(
        trigger,
        List.of(),
        "ERROR: an alert could not be read (" + e.getClass().getSimpleName() + ")");
  }
}

package dev.alertmail.alert;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of one log event, safe to hand to another thread.
 *
 * <p>Every text field comes from the application and is untrusted: later stages escape or encode it
 * before it reaches a mail.
 *
 * @param timestampMillis when the event was logged, milliseconds since the epoch
 * @param level the level name, for example {@code ERROR}
 * @param loggerName the logger's name
 * @param messageTemplate the message as written in the code, before arguments were filled in (the
 *     SLF4J pattern); equal to {@code message} when there were no arguments
 * @param message the formatted message
 * @param threadName the name of the thread that logged the event
 * @param mdc the mapped diagnostic context at the time of logging, never null
 * @param throwable the exception logged with the event, or null
 */
public record AlertEvent(
    long timestampMillis,
    String level,
    String loggerName,
    String messageTemplate,
    String message,
    String threadName,
    Map<String, String> mdc,
    ThrowableInfo throwable) {

  /** Checks the required fields and takes an unmodifiable copy of the MDC. */
  public AlertEvent {
    Objects.requireNonNull(level, "level");
    loggerName = loggerName == null ? "" : loggerName;
    message = message == null ? "" : message;
    messageTemplate = messageTemplate == null ? message : messageTemplate;
    threadName = threadName == null ? "" : threadName;
    mdc = mdc == null || mdc.isEmpty() ? Map.of() : Map.copyOf(withoutNulls(mdc));
  }

  private static Map<String, String> withoutNulls(Map<String, String> mdc) {
    // containsKey(null) throws on immutable maps, so look at the entries instead.
    boolean hasNull = false;
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null) {
        hasNull = true;
        break;
      }
    }
    if (!hasNull) {
      return mdc;
    }
    var copy = new java.util.TreeMap<String, String>();
    mdc.forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
    return copy;
  }
}

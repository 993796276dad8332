package dev.alertmail.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/**
 * Prepares a context event for reading on another thread at the least cost on the quiet path.
 *
 * <p>What depends on the logging thread is captured now: its name and its MDC (Logback reads both
 * lazily from the <em>current</em> thread). Formatting the message is the expensive part and is
 * needed only if an alert follows; it is deferred when every argument is a value that cannot change
 * (strings, numbers, enums, dates), because then formatting later gives exactly the same text. Any
 * other argument may be mutated after the call, so such an event is formatted now, as Logback's
 * AsyncAppender does.
 */
final class DeferredEvents {

  private DeferredEvents() {}

  static void prepareContextEvent(ILoggingEvent event) {
    event.getThreadName();
    event.getMDCPropertyMap();
    if (!allImmutable(event.getArgumentArray())) {
      event.getFormattedMessage();
    }
  }

  private static boolean allImmutable(Object[] arguments) {
    if (arguments == null) {
      return true;
    }
    for (Object argument : arguments) {
      if (!(argument == null
          || argument instanceof String
          || argument instanceof Integer
          || argument instanceof Long
          || argument instanceof Boolean
          || argument instanceof Character
          || argument instanceof Double
          || argument instanceof Float
          || argument instanceof Short
          || argument instanceof Byte
          || argument instanceof Enum<?>
          || argument instanceof UUID
          || argument instanceof java.math.BigDecimal
          || argument instanceof java.math.BigInteger
          || isJavaTime(argument))) {
        return false;
      }
    }
    return true;
  }

  /** The java.time value types are immutable; other TemporalAccessors need not be. */
  private static boolean isJavaTime(Object argument) {
    return argument instanceof TemporalAccessor
        && argument.getClass().getName().startsWith("java.time.");
  }
}

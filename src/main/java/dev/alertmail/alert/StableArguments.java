package dev.alertmail.alert;

import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/**
 * Whether a log call's arguments are values that cannot change. Formatting a context event's
 * message is the expensive part of the quiet path and is needed only if an alert follows; it may be
 * deferred when every argument is such a value (strings, numbers, enums, java.time values), because
 * formatting later gives exactly the same text. Any other argument may be mutated after the call,
 * so such an event is formatted at once, as Logback's AsyncAppender and Log4j's async loggers do.
 */
public final class StableArguments {

  private StableArguments() {}

  /** {@return whether formatting these arguments later gives the text of formatting them now} */
  public static boolean allImmutable(Object[] arguments) {
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

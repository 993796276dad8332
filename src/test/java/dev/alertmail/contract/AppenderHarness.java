package dev.alertmail.contract;

import java.util.List;
import java.util.Map;

/**
 * One framework's appender as an application meets it: configured from the framework's own
 * configuration file with the given settings (names as in README, the same in both frameworks),
 * logged to through the framework's API, stopped as the framework stops.
 */
public interface AppenderHarness extends AutoCloseable {

  /** Configures an appender named ALERT on the root logger with these settings. */
  void configure(Map<String, String> settings);

  /** Whether the appender was created and started. */
  boolean started();

  /** Logs through the framework's API from the calling thread. */
  void log(String level, String logger, String message, Throwable thrown);

  /** Stops the framework's context, as an application's shutdown does. */
  void stop();

  /** The framework's status messages at error level, as a user would read them. */
  List<String> errors();

  /** The framework's status messages at warning level or above. */
  List<String> warnings();

  /** How the framework names a setting in its configuration, e.g. {@code <tls>} or {@code tls}. */
  String named(String setting);

  @Override
  default void close() {
    stop();
  }
}

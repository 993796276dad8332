package dev.alertmail.log4j2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * A private Log4j context configured from a log4j2.xml text, as an application would be, with the
 * status messages a user would read.
 */
final class Log4jFixture implements AutoCloseable {

  private static int contexts;

  final LoggerContext context = new LoggerContext("alertmail-test-" + ++contexts);
  private final List<StatusData> status = new CopyOnWriteArrayList<>();
  private final StatusListener listener =
      new StatusListener() {
        @Override
        public void log(StatusData data) {
          status.add(data);
        }

        @Override
        public Level getStatusLevel() {
          return Level.INFO;
        }

        @Override
        public void close() {}
      };

  Log4jFixture() {
    StatusLogger.getLogger().registerListener(listener);
  }

  static Log4jFixture configure(String xml) {
    Log4jFixture fixture = new Log4jFixture();
    fixture.reconfigure(xml);
    return fixture;
  }

  /**
   * Applies a configuration as Log4j's reconfiguration does: the new one starts, then the old
   * stops.
   */
  void reconfigure(String xml) {
    try {
      var source =
          new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      context.start(new XmlConfiguration(context, source));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Applies a configuration to a started context, as a reload does. */
  void reload(String xml) {
    try {
      var source =
          new ConfigurationSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      context.setConfiguration(new XmlConfiguration(context, source));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Appender appender(String name) {
    return context.getConfiguration().getAppender(name);
  }

  List<String> messages(Level atLeast) {
    return status.stream()
        .filter(s -> s.getLevel().isMoreSpecificThan(atLeast))
        .map(s -> s.getMessage().getFormattedMessage())
        .toList();
  }

  @Override
  public void close() {
    context.stop();
    StatusLogger.getLogger().removeListener(listener);
  }
}

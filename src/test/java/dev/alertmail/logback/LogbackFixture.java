package dev.alertmail.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A private Logback context configured from a logback.xml text, as an application would be, with
 * the status messages a user would read.
 */
final class LogbackFixture implements AutoCloseable {

  final LoggerContext context = new LoggerContext();

  LogbackFixture(String contextName) {
    context.setName(contextName);
    // Logback's service provider does this for the default context; a private one must be told
    // (since 1.3.x's later releases; the first ones use SLF4J's adapter directly)
    try {
      context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    } catch (NoSuchMethodError olderLogback) {
      // nothing to set: this Logback reads the MDC through SLF4J
    }
  }

  /** Configures the context from XML; {@code ${KEY}} is substituted from the given properties. */
  static LogbackFixture configure(String xml, Map<String, String> properties) {
    // a configuration that names its context gets one named "default", as Logback's own is
    return configure(xml.contains("<contextName>") ? "default" : "shop", xml, properties);
  }

  /** As {@link #configure(String, Map)}, in a context of the given name. */
  static LogbackFixture configure(String contextName, String xml, Map<String, String> properties) {
    LogbackFixture fixture = new LogbackFixture(contextName);
    properties.forEach(fixture.context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(fixture.context);
    try {
      configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (JoranException e) {
      throw new IllegalStateException(fixture.statusText(), e);
    }
    return fixture;
  }

  /** The appender as configured, or null when the configuration has none by that name. */
  AlertMailAppender appender(String name) {
    return (AlertMailAppender) context.getLogger("ROOT").getAppender(name);
  }

  List<Status> statuses() {
    return context.getStatusManager().getCopyOfStatusList();
  }

  /** The status messages at the given level or above. */
  List<String> statusMessages(int level) {
    return statuses().stream()
        .filter(s -> s.getLevel() >= level)
        .map(LogbackFixture::fullText)
        .toList();
  }

  /** Every status message with its causes, as a user would see them printed. */
  String statusText() {
    return statuses().stream().map(LogbackFixture::fullText).collect(Collectors.joining("\n"));
  }

  private static String fullText(Status status) {
    StringBuilder text = new StringBuilder(status.getMessage());
    for (Throwable t = status.getThrowable(); t != null; t = t.getCause()) {
      text.append(" | ").append(t);
    }
    return text.toString();
  }

  @Override
  public void close() {
    context.stop();
  }
}

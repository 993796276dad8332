package dev.alertmail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.status.Status;
import dev.alertmail.contract.AppenderContract;
import dev.alertmail.contract.AppenderHarness;
import dev.alertmail.contract.Xml;
import java.util.List;
import java.util.Map;

/** The shared behaviour, through Logback and a logback.xml. */
class LogbackContractTest extends AppenderContract {

  @Override
  protected AppenderHarness harness() {
    return new AppenderHarness() {
      private LogbackFixture logback;

      @Override
      public void configure(Map<String, String> settings) {
        StringBuilder elements = new StringBuilder();
        settings.forEach(
            (name, value) ->
                elements
                    .append('<')
                    .append(name)
                    .append('>')
                    .append(Xml.escape(value))
                    .append("</")
                    .append(name)
                    .append(">\n"));
        logback =
            LogbackFixture.configure(
                """
                <configuration>
                  <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                  %s
                  </appender>
                  <root level="INFO"><appender-ref ref="ALERT"/></root>
                </configuration>
                """
                    .formatted(elements),
                Map.of());
      }

      @Override
      public boolean started() {
        return logback.appender("ALERT").isStarted();
      }

      @Override
      public void log(String level, String logger, String message, Throwable thrown) {
        var log = logback.context.getLogger(logger);
        if (Level.toLevel(level) == Level.ERROR) {
          log.error(message, thrown);
        } else {
          log.info(message, thrown);
        }
      }

      @Override
      public void stop() {
        if (logback != null) {
          logback.context.stop();
        }
      }

      @Override
      public List<String> errors() {
        // a wrong setting is a warning (Spring Boot refuses to start on any Logback error)
        return logback.statusMessages(Status.WARN);
      }

      @Override
      public String named(String setting) {
        return "<" + setting + ">";
      }
    };
  }
}

package dev.alertmail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.status.Status;
import dev.alertmail.contract.AppenderContract;
import dev.alertmail.contract.AppenderHarness;
import dev.alertmail.contract.Xml;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

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
        try {
          if (Level.toLevel(level) == Level.ERROR) {
            log.error(message, thrown);
          } else {
            log.info(message, thrown);
          }
        } catch (RuntimeException e) {
          // an appender's failure never reaches the caller (AppenderBase catches it): this one
          // came from Logback building the event, before any appender was called
          if (builtByLogback(e)) {
            throw new TestAbortedException(
                "Logback itself cannot build an event for this exception: no appender sees it", e);
          }
          throw e;
        }
      }

      private static boolean builtByLogback(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
          if (frame.getClassName().equals("ch.qos.logback.classic.spi.ThrowableProxy")) {
            return true;
          }
        }
        return false;
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
      public List<String> warnings() {
        return logback.statusMessages(Status.WARN);
      }

      @Override
      public String named(String setting) {
        return "<" + setting + ">";
      }
    };
  }
}

package dev.alertmail.log4j2;

import dev.alertmail.contract.AppenderContract;
import dev.alertmail.contract.AppenderHarness;
import dev.alertmail.contract.Xml;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;

/** The shared behaviour, through Log4j 2 and a log4j2.xml. */
class Log4jContractTest extends AppenderContract {

  @Override
  protected AppenderHarness harness() {
    return new AppenderHarness() {
      private Log4jFixture log4j;

      @Override
      public void configure(Map<String, String> settings) {
        StringBuilder attributes = new StringBuilder();
        settings.forEach(
            (name, value) ->
                attributes
                    .append(' ')
                    .append(name)
                    .append("=\"")
                    .append(Xml.escape(value))
                    .append('"'));
        log4j =
            Log4jFixture.configure(
                """
                <Configuration name="shop" status="warn">
                  <Appenders><AlertMail name="ALERT"%s/></Appenders>
                  <Loggers><Root level="info"><AppenderRef ref="ALERT"/></Root></Loggers>
                </Configuration>
                """
                    .formatted(attributes));
      }

      @Override
      public boolean started() {
        return log4j.appender("ALERT") != null && log4j.appender("ALERT").isStarted();
      }

      @Override
      public void log(String level, String logger, String message, Throwable thrown) {
        log4j.context.getLogger(logger).log(Level.toLevel(level), message, thrown);
      }

      @Override
      public void stop() {
        if (log4j != null) {
          log4j.close();
        }
      }

      @Override
      public List<String> errors() {
        return log4j.messages(Level.ERROR);
      }

      @Override
      public List<String> warnings() {
        return log4j.messages(Level.WARN);
      }

      @Override
      public String named(String setting) {
        return setting;
      }
    };
  }
}

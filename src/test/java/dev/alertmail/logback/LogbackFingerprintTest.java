package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.alertmail.alert.Fingerprint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fingerprint taken from the prepared event is the one the built alert has. */
class LogbackFingerprintTest {

  private static LogbackAlert alert(Throwable thrown) {
    LoggerContext context = new LogbackFixture("shop").context;
    var event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("com.shop.Orders"),
            Level.ERROR,
            "order {} failed",
            thrown,
            new Object[] {42});
    event.prepareForDeferredProcessing();
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%message");
    layout.start();
    return new LogbackAlert(event, List.of(), layout, true);
  }

  @Test
  void theSameAsTheBuiltAlertsWithACauseChain() {
    Exception root = new java.sql.SQLException("reset");
    LogbackAlert alert = alert(new IllegalStateException("boom", new RuntimeException(root)));
    assertEquals(Fingerprint.of(alert.toAlert().trigger()), alert.fingerprint());
  }

  @Test
  void theSameAsTheBuiltAlertsWithoutAnException() {
    LogbackAlert alert = alert(null);
    assertEquals(Fingerprint.of(alert.toAlert().trigger()), alert.fingerprint());
  }
}

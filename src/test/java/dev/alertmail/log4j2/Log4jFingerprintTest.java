package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alertmail.alert.Fingerprint;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.Test;

/** The fingerprint taken from the copied event is the one the built alert has. */
class Log4jFingerprintTest {

  @Test
  void theSameAsTheBuiltAlertsWithACauseChain() {
    var event =
        Log4jLogEvent.newBuilder()
            .setLoggerName("com.shop.Orders")
            .setLevel(Level.ERROR)
            .setMessage(new ParameterizedMessage("order {} failed", 42))
            .setThrown(
                new IllegalStateException(
                    "boom", new RuntimeException(new java.sql.SQLException("reset"))))
            .setTimeMillis(1_000)
            .build();
    var alert =
        new Log4jAlert(
            event, List.of(), PatternLayout.newBuilder().withPattern("%m").build(), true);

    assertEquals(Fingerprint.of(alert.toAlert().trigger()), alert.fingerprint());
  }
}

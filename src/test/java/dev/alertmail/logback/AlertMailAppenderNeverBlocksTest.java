package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that accepts connections and never answers is the worst case for a mail appender:
 * Logback's own SMTPAppender blocks every logging thread behind it. Ours must not.
 */
class AlertMailAppenderNeverBlocksTest {

  @Test
  void loggingThreadsNeverWaitForASilentServerAndStopReportsWhatWasLost() throws Exception {
    // the kernel completes the handshake from the backlog; nobody ever reads or writes
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LogbackFixture logback =
            LogbackFixture.configure(
                """
                <configuration>
                  <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                    <smtpHost>127.0.0.1</smtpHost>
                    <smtpPort>${PORT}</smtpPort>
                    <tls>NONE</tls>
                    <from>alerts@example.com</from>
                    <to>ops@example.com</to>
                    <readTimeout>1 hour</readTimeout>
                    <queueSize>4</queueSize>
                    <groupWait>0 seconds</groupWait>
                    <shutdownTimeout>200 milliseconds</shutdownTimeout>
                  </appender>
                  <root level="INFO"><appender-ref ref="ALERT"/></root>
                </configuration>
                """,
                Map.of("PORT", String.valueOf(silent.getLocalPort())))) {
      Logger log = logback.context.getLogger("app");

      // with the sender stuck for an hour, a blocking appender would hang here; the bound only
      // turns such a regression into a failure instead of a hung build
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            for (int i = 0; i < 100; i++) {
              log.error("failure " + i);
            }
          });

      logback.appender("ALERT").stop();

      assertFalse(logback.appender("ALERT").isStarted());
      assertTrue(
          logback.statusMessages(Status.ERROR).stream()
              .anyMatch(m -> m.contains("100 triggering events not delivered")),
          logback.statusText());
    }
  }
}

package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one deadline thread of the JVM runs while sessions do, and ends when none is left. */
class SocketWatchdogTest {

  @Test
  void theDeadlineThreadEndsWhenNoSessionIsLeftAndANewSessionStartsAnother() throws Exception {
    try (Socket socket = new Socket()) {
      SocketWatchdog first = new SocketWatchdog(socket);
      first.startStep(Duration.ofMinutes(1));
      Thread ticker = SocketWatchdog.runningTicker();
      assertNotNull(ticker);
      assertNull(ticker.getContextClassLoader(), "never pins whoever started it");
      first.stop();

      ticker.join(SocketWatchdog.IDLE_END_MILLIS * 10);
      assertFalse(ticker.isAlive(), "a deadline thread without sessions must end");

      SocketWatchdog second = new SocketWatchdog(socket);
      second.startStep(Duration.ofMinutes(1));
      Thread next = SocketWatchdog.runningTicker();
      assertNotNull(next, "a new session after the end is watched again");
      assertNotSame(ticker, next);
      second.stop();
    }
  }
}

package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.mail.ParsedMail;
import jakarta.mail.internet.MimeMessage;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Log4j hands the application's own objects to the appender as they are: an exception whose methods
 * throw, a message that cannot format itself. Each costs its own detail, shown as what could be
 * read, never its alert, another event's alert, or an exception at the logging thread.
 */
class Log4jHostileEventTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static Log4jFixture configure() {
    return Log4jFixture.configure(
        """
        <Configuration name="shop" status="warn">
          <Appenders>
            <AlertMail name="ALERT" smtpHost="127.0.0.1" smtpPort="%d" tls="NONE"
                       from="alerts@example.com" to="ops@example.com" groupWait="0 seconds"/>
          </Appenders>
          <Loggers><Root level="info"><AppenderRef ref="ALERT"/></Root></Loggers>
        </Configuration>
        """
            .formatted(greenMail.getSmtp().getPort()));
  }

  /** Every method a mail reads throws, or returns what it should not. */
  static final class BrokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BrokenException(Throwable cause) {
      super("never read", cause);
    }

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage() is broken");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString() is broken");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      StackTraceElement[] trace = super.getStackTrace();
      trace[1] = null; // a null frame in the middle
      return trace;
    }
  }

  /** Its cause cannot be asked for. */
  static final class CauseThrows extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CauseThrows(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable getCause() {
      throw new UnsupportedOperationException("no cause for you");
    }
  }

  private static String mailText() throws Exception {
    assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "no mail arrived");
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    return mail.getSubject() + "\n" + ParsedMail.text(mail);
  }

  @Test
  void anExceptionWhoseMethodsThrowIsMailedWithWhatCouldBeRead() throws Exception {
    try (Log4jFixture log4j = configure()) {
      Logger log = log4j.context.getLogger("com.shop.Checkout");
      assertDoesNotThrow(
          () ->
              log.error("payment failed", new BrokenException(new CauseThrows("gateway said no"))));

      String text = mailText();
      assertTrue(text.contains("payment failed"), text);
      assertTrue(
          text.contains(
              BrokenException.class.getName() + ": <getMessage() threw IllegalStateException>"),
          text);
      assertTrue(
          text.contains("Caused by: " + CauseThrows.class.getName() + ": gateway said no"), text);
      assertTrue(text.contains("at dev.alertmail.log4j2.Log4jHostileEventTest"), text);
      assertEquals("1", greenMail.getReceivedMessages()[0].getHeader("X-AlertMail-Count", null));
    }
  }

  @Test
  void aBrokenExceptionOnAContextEventCostsTheNextErrorNothing() throws Exception {
    try (Log4jFixture log4j = configure()) {
      Logger log = log4j.context.getLogger("com.shop.Checkout");
      log.info("retrying the gateway", new BrokenException(null));
      log.error("payment failed for good");

      String text = mailText();
      assertTrue(text.contains("payment failed for good"), text);
      assertTrue(text.contains("retrying the gateway"), text);
      assertTrue(text.contains("<getMessage() threw IllegalStateException>"), text);
    }
  }
}

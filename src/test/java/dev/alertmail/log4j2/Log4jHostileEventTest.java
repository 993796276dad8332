package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.mail.ParsedMail;
import jakarta.mail.internet.MimeMessage;
import org.apache.logging.log4j.Level;
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

  /**
   * A message of an object whose toString() throws, as Log4j hands it over when thread-locals are
   * off (the default in web applications): the alert still arrives, and append never throws.
   */
  @Test
  void anObjectMessageWhoseObjectCannotBeShownStillArrives() throws Exception {
    try (Log4jFixture log4j = configure()) {
      Object hostile =
          new Object() {
            @Override
            public String toString() {
              throw new IllegalStateException("no toString");
            }
          };
      var appender = log4j.context.getConfiguration().getAppender("ALERT");
      var event =
          org.apache.logging.log4j.core.impl.Log4jLogEvent.newBuilder()
              .setLoggerName("com.shop.Checkout")
              .setLevel(Level.ERROR)
              .setMessage(new org.apache.logging.log4j.message.ObjectMessage(hostile))
              .build();
      assertDoesNotThrow(() -> appender.append(event));

      String text = mailText();
      assertTrue(text.contains("threw IllegalStateException>"), text);
    }
  }

  /**
   * try-with-resources: the close failure, suppressed, shares its cause with the chain. Read in
   * parts, such an exception once made two problems of one: the alerts the logging threads only
   * counted were filed under another name than the sample's.
   */
  @Test
  void aStormOfOneProblemWithASharedCauseIsOneProblem() throws Exception {
    try (Log4jFixture log4j =
        Log4jFixture.configure(
            """
            <Configuration name="shop" status="warn">
              <Appenders>
                <AlertMail name="ALERT" smtpHost="127.0.0.1" smtpPort="%d" tls="NONE"
                           from="alerts@example.com" to="ops@example.com"
                           groupWait="2 seconds"/>
              </Appenders>
              <Loggers><Root level="info"><AppenderRef ref="ALERT"/></Root></Loggers>
            </Configuration>
            """
                .formatted(greenMail.getSmtp().getPort()))) {
      Logger log = log4j.context.getLogger("com.shop.Store");
      java.io.IOException root = new java.io.IOException("disk");
      RuntimeException primary = new RuntimeException("write failed", root);
      primary.addSuppressed(new RuntimeException("close failed", root));
      for (int i = 0; i < 500; i++) {
        log.error("store failed", primary);
      }
      log4j.close(); // the last mail accounts for everything

      MimeMessage[] mails = greenMail.getReceivedMessages();
      long counted = 0;
      for (MimeMessage mail : mails) {
        counted += Long.parseLong(mail.getHeader("X-AlertMail-Count", null));
        assertFalse(mail.getSubject().contains("kinds"), mail.getSubject());
      }
      assertEquals(500, counted);
    }
  }
}

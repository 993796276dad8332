package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.mail.ParsedMail;
import jakarta.mail.internet.MimeMessage;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Log4j appender has to show: async loggers, reconfiguration, filters, lookups. */
class Log4jAppenderTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static String config(String attributes, String loggers) {
    return """
        <Configuration name="shop" status="warn">
          <Appenders>
            <AlertMail name="ALERT" smtpHost="127.0.0.1" smtpPort="%d" tls="NONE"
                       from="alerts@example.com" to="ops@example.com" %s/>
          </Appenders>
          <Loggers>
            %s
            <Root level="info"><AppenderRef ref="ALERT"/></Root>
          </Loggers>
        </Configuration>
        """
        .formatted(greenMail.getSmtp().getPort(), attributes, loggers);
  }

  @Test
  void contextEventsFromAnAsyncLoggerShowTheirOwnArgumentsAsLogged() throws Exception {
    // async loggers reuse their ring buffer's events and, garbage-free, their messages: a kept
    // reference would show whatever was logged last
    try (Log4jFixture log4j =
        Log4jFixture.configure(
            config(
                "groupWait=\"0 seconds\" bufferSize=\"8\"",
                "<AsyncLogger name=\"com.shop\" level=\"info\" additivity=\"false\">"
                    + "<AppenderRef ref=\"ALERT\"/></AsyncLogger>"))) {
      Logger log = log4j.context.getLogger("com.shop.Orders");
      StringBuilder cart = new StringBuilder("cart of order 1");
      for (int order = 1; order <= 8; order++) {
        log.info("order {} placed: {}", order, cart);
        cart.setLength(0);
        cart.append("cart of order ").append(order + 1); // mutated after logging
      }
      log.error("order 9 failed");

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), log4j.messages(Level.WARN).toString());
      String text = ParsedMail.text(greenMail.getReceivedMessages()[0]);
      for (int order = 1; order <= 8; order++) {
        assertTrue(
            text.contains("order " + order + " placed: cart of order " + order),
            order + "\n" + text);
      }
    }
  }

  @Test
  void contextEventsOfAGarbageFreeLoggerShowTheirOwnArguments() throws Exception {
    // a synchronous logger (thread-locals on, Log4j's default outside web apps) reuses one event
    // and one message per thread: the context must keep a memento, not the reused event
    try (Log4jFixture log4j =
        Log4jFixture.configure(config("groupWait=\"0 seconds\" bufferSize=\"8\"", ""))) {
      Logger log = log4j.context.getLogger("com.shop.Orders");
      for (int order = 1; order <= 8; order++) {
        log.info("order {} placed in {}", order, "Berlin");
      }
      log.error("order 9 failed");

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), log4j.messages(Level.WARN).toString());
      String text = ParsedMail.text(greenMail.getReceivedMessages()[0]);
      for (int order = 1; order <= 8; order++) {
        assertTrue(text.contains("order " + order + " placed in Berlin"), order + "\n" + text);
      }
    }
  }

  @Test
  void theTriggersThreadContextIsInTheMail() throws Exception {
    try (Log4jFixture log4j = Log4jFixture.configure(config("groupWait=\"0 seconds\"", ""))) {
      Logger log = log4j.context.getLogger("com.shop.Orders");
      org.apache.logging.log4j.ThreadContext.put("orderId", "A-1042");
      try {
        log.error("order failed");
      } finally {
        org.apache.logging.log4j.ThreadContext.remove("orderId");
      }

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), log4j.messages(Level.WARN).toString());
      String text = ParsedMail.text(greenMail.getReceivedMessages()[0]);
      assertTrue(text.contains("orderId") && text.contains("A-1042"), text);
    }
  }

  @Test
  void aReconfigurationKeepsThePendingMailAndTheDedupMemory() throws Exception {
    String xml = config("groupWait=\"1 hour\"", "");
    try (Log4jFixture log4j = Log4jFixture.configure(xml)) {
      log4j.context.getLogger("com.shop.Db").error("database down");
      log4j.reload(xml); // what monitorInterval or a programmatic reconfigure does
      log4j.reload(xml);
      log4j.context.getLogger("com.shop.Db").error("database down");
      assertEquals(0, greenMail.getReceivedMessages().length, "still grouping");
    }
    // closing the context stopped the appender, which mailed what was pending: one mail for both
    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertEquals(1, mails.length);
    assertEquals("2", mails[0].getHeader("X-AlertMail-Count", null));
  }

  @Test
  void aFilterDecidesWhatTriggersAndWhatItTurnsAwayIsContext() throws Exception {
    String xml =
        """
        <Configuration name="shop" status="warn">
          <Appenders>
            <AlertMail name="ALERT" smtpHost="127.0.0.1" smtpPort="%d" tls="NONE"
                       from="alerts@example.com" to="ops@example.com" groupWait="0 seconds">
              <MarkerFilter marker="PAGE" onMatch="ACCEPT" onMismatch="DENY"/>
            </AlertMail>
          </Appenders>
          <Loggers><Root level="info"><AppenderRef ref="ALERT"/></Root></Loggers>
        </Configuration>
        """
            .formatted(greenMail.getSmtp().getPort());
    try (Log4jFixture log4j = Log4jFixture.configure(xml)) {
      Logger log = log4j.context.getLogger("com.shop.Batch");
      log.error("not paged: only context");
      log.warn(org.apache.logging.log4j.MarkerManager.getMarker("PAGE"), "disk almost full");

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), log4j.messages(Level.WARN).toString());
      MimeMessage mail = greenMail.getReceivedMessages()[0];
      assertTrue(mail.getSubject().endsWith("disk almost full"), mail.getSubject());
      assertTrue(ParsedMail.text(mail).contains("not paged: only context"));
    }
  }

  @Test
  void anUnresolvedLookupIsAnErrorNamingTheAttributeAndTheVariable() {
    try (Log4jFixture log4j =
        Log4jFixture.configure(
            config("password=\"${env:ALERTMAIL_TEST_UNSET}\" username=\"alerts\"", ""))) {
      assertNull(log4j.appender("ALERT"));
      String errors = String.join("\n", log4j.messages(Level.ERROR));
      assertTrue(
          errors.contains("password uses ${env:ALERTMAIL_TEST_UNSET}, which is not defined"),
          errors);
      assertFalse(errors.contains("<password>"), "Log4j words: " + errors);
    }
  }
}

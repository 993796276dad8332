package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

class AlertMailAppenderDeliveryTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private LogbackFixture configure(String extra) {
    return LogbackFixture.configure(
        """
        <configuration>
          <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
            <smtpHost>127.0.0.1</smtpHost>
            <smtpPort>${PORT}</smtpPort>
            <tls>NONE</tls>
            <from>alerts@example.com</from>
            <to>ops@example.com</to>
            <groupWait>0 seconds</groupWait>
            %s
          </appender>
          <root level="INFO"><appender-ref ref="ALERT"/></root>
        </configuration>
        """
            .formatted(extra),
        Map.of("PORT", String.valueOf(greenMail.getSmtp().getPort())));
  }

  private MimeMessage awaitOneMail(LogbackFixture logback) {
    assertTrue(
        greenMail.waitForIncomingEmail(10_000, 1),
        "no mail arrived; status:\n" + logback.statusText());
    return greenMail.getReceivedMessages()[0];
  }

  @Test
  void errorWithExceptionArrivesWithContextStackTraceAndMdc() throws Exception {
    try (LogbackFixture logback = configure("")) {
      Logger log = logback.context.getLogger("com.shop.checkout.OrderService");
      log.info("order 41 received");
      log.warn("payment slow for order 41");
      MDC.put("orderId", "42");
      var failure =
          new IllegalStateException("cannot commit", new SQLException("connection reset"));
      try {
        log.error("checkout failed for order {}", 42, failure);
      } finally {
        MDC.clear();
      }

      MimeMessage mail = awaitOneMail(logback);
      assertEquals(
          "[shop] ERROR c.s.c.OrderService: checkout failed for order \u2026", mail.getSubject());
      assertArrayEquals(new Address[] {new InternetAddress("alerts@example.com")}, mail.getFrom());
      assertArrayEquals(
          new Address[] {new InternetAddress("ops@example.com")},
          mail.getRecipients(Message.RecipientType.TO));
      assertNotNull(mail.getSentDate());
      assertNotNull(mail.getMessageID());
      assertEquals("1.0", mail.getHeader("MIME-Version", null));

      MailParts parts = MailParts.of(mail);
      assertEquals(
          List.of("multipart/alternative", "text/plain", "text/html"), parts.contentTypes());
      for (String body : List.of(parts.text(), parts.html())) {
        assertTrue(body.contains("checkout failed for order 42"), body);
        assertTrue(body.contains("com.shop.checkout.OrderService"), body);
        assertTrue(body.contains("java.lang.IllegalStateException: cannot commit"), body);
        assertTrue(body.contains("Caused by: java.sql.SQLException: connection reset"), body);
        assertTrue(body.contains("orderId") && body.contains("42"), body);
        assertTrue(body.contains("order 41 received"), body);
        assertTrue(body.contains("payment slow for order 41"), body);
        assertTrue(body.contains("shop"), body);
        assertTrue(body.contains(Thread.currentThread().getName()), body);
      }
      var printed = new java.io.StringWriter();
      failure.printStackTrace(new java.io.PrintWriter(printed));
      String expectedTrace = printed.toString().replace(System.lineSeparator(), "\n").strip();
      assertTrue(
          parts.text().replace("\r\n", "\n").contains(expectedTrace),
          "the trace reads exactly as Java prints it, with '... N more' for shared frames\n"
              + parts.text());
      assertTrue(
          parts.text().indexOf("order 41 received") < parts.text().indexOf("payment slow"),
          "context events in the order they were logged");
    }
  }

  @Test
  void textFormatSendsOnlyPlainText() throws Exception {
    try (LogbackFixture logback = configure("<format>TEXT</format>")) {
      logback.context.getLogger("app").error("disk full");
      MailParts parts = MailParts.of(awaitOneMail(logback));
      assertEquals(List.of("text/plain"), parts.contentTypes());
      assertTrue(parts.text().contains("disk full"));
    }
  }

  @Test
  void htmlFormatSendsOnlyHtml() throws Exception {
    try (LogbackFixture logback = configure("<format>html</format>")) {
      logback.context.getLogger("app").error("disk full");
      MailParts parts = MailParts.of(awaitOneMail(logback));
      assertEquals(List.of("text/html"), parts.contentTypes());
      assertTrue(parts.html().contains("disk full"));
    }
  }

  /** Bcc recipients appear in no header, so only their mailbox shows that the mail reached them. */
  private static int inboxSize(String email) throws Exception {
    var user = greenMail.getUserManager().getUserByEmail(email);
    return user == null
        ? 0
        : greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
  }

  @Test
  void bccIsDeliveredButAppearsInNoHeader() throws Exception {
    try (LogbackFixture logback =
        configure("<cc>lead@example.com</cc><bcc>audit@example.com, cto@example.com</bcc>")) {
      logback.context.getLogger("app").error("disk full");
      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), logback.statusText());
      MimeMessage[] received = greenMail.getReceivedMessages();
      System.err.println(
          "DEBUG received "
              + received.length
              + " "
              + inboxSize("ops@example.com")
              + inboxSize("audit@example.com"));
      assertEquals(1, inboxSize("audit@example.com"));
      assertEquals(1, inboxSize("cto@example.com"));
      for (MimeMessage mail : received) {
        assertNull(mail.getHeader("Bcc"));
        String headers = String.join("\n", java.util.Collections.list(mail.getAllHeaderLines()));
        assertFalse(headers.contains("audit@"), headers);
        assertFalse(headers.contains("cto@"), headers);
        assertEquals("lead@example.com", mail.getHeader("Cc", null));
      }
    }
  }

  @Test
  void chineseSubjectAndBodyDecodeBackExactly() throws Exception {
    String message = "数据库连接失败：订单服务无法写入 🚨";
    try (LogbackFixture logback = configure("<subject>告警 %message</subject>")) {
      logback.context.getLogger("app").error(message);
      MimeMessage mail = awaitOneMail(logback);
      assertEquals("告警 " + message, mail.getSubject());
      MailParts parts = MailParts.of(mail);
      assertTrue(parts.text().contains(message), parts.text());
      assertTrue(parts.html().contains(message), parts.html());
    }
  }

  @Test
  void lineBreaksInTheMessageCannotAddHeadersOrRecipients() throws Exception {
    String attack = "boom\r\nBcc: evil@attacker.test\r\nX-Injected: yes\r\n\r\nfake body";
    try (LogbackFixture logback = configure("")) {
      logback.context.getLogger("app").error(attack);
      MimeMessage mail = awaitOneMail(logback);
      assertNull(mail.getHeader("X-Injected"));
      assertNull(mail.getHeader("Bcc"));
      assertEquals(1, greenMail.getReceivedMessages().length);
      assertEquals(0, greenMail.getReceivedMessagesForDomain("attacker.test").length);
      assertFalse(mail.getSubject().contains("\n") || mail.getSubject().contains("\r"));
      assertTrue(mail.getSubject().startsWith("[shop] ERROR app: boom"), mail.getSubject());
    }
  }

  @Test
  void dotLinesAndVeryLongLinesArriveIntact() throws Exception {
    String longLine = "x".repeat(5_000);
    String message = "first\n.\n.hidden line\n..two dots\n" + longLine + "\nlast";
    try (LogbackFixture logback = configure("<format>TEXT</format>")) {
      logback.context.getLogger("app").error(message);
      String text = MailParts.of(awaitOneMail(logback)).text().replace("\r\n", "\n");
      assertTrue(text.contains(message), text);
    }
  }

  @Test
  void htmlEscapesEverythingFromTheEvent() throws Exception {
    try (LogbackFixture logback = configure("<format>HTML</format>")) {
      MDC.put("user\"<b>", "<img src=x onerror=alert(1)>");
      try {
        logback.context.getLogger("app<script>").error("<script>alert('x')</script> & more");
      } finally {
        MDC.clear();
      }
      String html = MailParts.of(awaitOneMail(logback)).html();
      assertFalse(html.contains("<script>"), html);
      assertFalse(html.contains("<img"), html);
      assertFalse(html.contains("<b>"), html);
      assertTrue(html.contains("&lt;script&gt;alert("), html);
      assertTrue(html.contains("&amp; more"), html);
    }
  }

  @Test
  void infoAndWarnDoNotTriggerButAnErrorDoes() throws Exception {
    try (LogbackFixture logback = configure("")) {
      Logger log = logback.context.getLogger("app");
      log.info("fine");
      log.warn("hmm");
      log.error("broken");
      MimeMessage mail = awaitOneMail(logback);
      assertTrue(mail.getSubject().endsWith("broken"), mail.getSubject());
      logback.close();
      assertEquals(1, greenMail.getReceivedMessages().length, "only the error was mailed");
    }
  }

  @Test
  void triggerLevelWarnMailsWarnings() throws Exception {
    try (LogbackFixture logback = configure("<triggerLevel>WARN</triggerLevel>")) {
      logback.context.getLogger("app").warn("disk 90% full");
      assertTrue(awaitOneMail(logback).getSubject().endsWith("WARN app: disk 90% full"));
    }
  }

  @Test
  void nestedEvaluatorDecidesWhatTriggers() throws Exception {
    try (LogbackFixture logback =
        configure(
            """
            <evaluator class="ch.qos.logback.classic.boolex.OnMarkerEvaluator">
              <marker>NOTIFY_ADMIN</marker>
            </evaluator>
            """)) {
      Logger log = logback.context.getLogger("app");
      log.error("not marked");
      log.info(org.slf4j.MarkerFactory.getMarker("NOTIFY_ADMIN"), "marked info");
      MimeMessage mail = awaitOneMail(logback);
      assertTrue(mail.getSubject().endsWith("INFO app: marked info"), mail.getSubject());
      String text = MailParts.of(mail).text();
      assertTrue(text.contains("not marked"), "the unmarked error is context: " + text);
      logback.close();
      assertEquals(1, greenMail.getReceivedMessages().length);
    }
  }

  @Test
  void contextShowsOnlyEventsSinceThePreviousAlert() throws Exception {
    try (LogbackFixture logback = configure("<bufferSize>2</bufferSize>")) {
      Logger log = logback.context.getLogger("app");
      log.info("ctx-one");
      log.info("ctx-two");
      log.info("ctx-three");
      log.error("first failure");
      // errors that arrive together share a mail; this test is about two mails in a row
      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), logback.statusText());
      log.error("second failure");
      assertTrue(greenMail.waitForIncomingEmail(10_000, 2), logback.statusText());
      MimeMessage[] mails = greenMail.getReceivedMessages();
      Arrays.sort(mails, java.util.Comparator.comparing(m -> subjectOf(m)));
      String first = MailParts.of(mails[0]).text();
      String second = MailParts.of(mails[1]).text();
      assertFalse(first.contains("ctx-one"), "bufferSize 2 keeps the last two: " + first);
      assertTrue(first.contains("ctx-two") && first.contains("ctx-three"), first);
      assertFalse(second.contains("ctx-three"), "already shown in the previous mail: " + second);
      assertFalse(
          second.contains("first failure"), "already shown in the previous mail: " + second);
    }
  }

  private static String subjectOf(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void contextEventsShowTheirArgumentsAsTheyWereWhenLogged() throws Exception {
    try (LogbackFixture logback = configure("<format>TEXT</format>")) {
      Logger log = logback.context.getLogger("app");
      StringBuilder cart = new StringBuilder("2 items");
      log.info("cart holds {} for order {}", cart, 41);
      cart.setLength(0);
      cart.append("changed later");
      log.error("checkout failed");
      String text = MailParts.of(awaitOneMail(logback)).text();
      assertTrue(text.contains("cart holds 2 items for order 41"), text);
      assertFalse(text.contains("changed later"), text);
    }
  }
}

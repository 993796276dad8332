package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.joran.JoranConfigurator;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Logback reconfiguration ({@code scan}, or a configurator after {@code reset()}) stops every
 * appender and starts new ones: the flood state must carry over, or 20 reloads during an incident
 * would make 20 mails.
 */
class AlertMailAppenderReloadTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static String xml(String groupWait) {
    return """
        <configuration>
          <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
            <smtpHost>127.0.0.1</smtpHost>
            <smtpPort>%d</smtpPort>
            <tls>NONE</tls>
            <from>alerts@example.com</from>
            <to>ops@example.com</to>
            <groupWait>%s</groupWait>
          </appender>
          <root level="INFO"><appender-ref ref="ALERT"/></root>
        </configuration>
        """
        .formatted(greenMail.getSmtp().getPort(), groupWait);
  }

  /** What Logback's scan does: reset the context, then configure it from the file again. */
  private static void reload(LogbackFixture logback, String xml) throws Exception {
    logback.context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logback.context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void twentyReloadsDuringAnIncidentStillMakeOneGroupedMail() throws Exception {
    String xml = xml("1 hour");
    try (LogbackFixture logback = LogbackFixture.configure(xml, Map.of())) {
      for (int i = 0; i < 20; i++) {
        logback.context.getLogger("com.shop.Db").error("database down");
        reload(logback, xml);
      }
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());
      assertEquals(0, greenMail.getReceivedMessages().length, "still grouping");
    }
    // the context's stop is a shutdown: the last mail goes at once, with every error in it
    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertEquals(1, mails.length);
    assertEquals("20", mails[0].getHeader("X-AlertMail-Count", null));
  }

  @Test
  void aReloadThatChangesTheSettingsMailsWhatWasPendingAndStartsAfresh() throws Exception {
    try (LogbackFixture logback = LogbackFixture.configure(xml("1 hour"), Map.of())) {
      logback.context.getLogger("com.shop.Db").error("database down");

      reload(logback, xml("2 hours"));

      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), logback.statusText());
      assertEquals("1", greenMail.getReceivedMessages()[0].getHeader("X-AlertMail-Count", null));
    }
  }
}

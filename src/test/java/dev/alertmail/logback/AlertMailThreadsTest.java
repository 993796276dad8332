package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.joran.JoranConfigurator;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a servlet container every redeploy stops the old web application's appenders; a thread of
 * AlertMail that lived on would pin its class loader (Tomcat reports it as a leak).
 */
class AlertMailThreadsTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void noThreadOfAlertMailOutlivesTheLastAppender() throws Exception {
    String xml =
        """
        <configuration>
          <appender name="REDEPLOYED" class="dev.alertmail.logback.AlertMailAppender">
            <smtpHost>127.0.0.1</smtpHost>
            <smtpPort>%d</smtpPort>
            <tls>NONE</tls>
            <from>alerts@example.com</from>
            <to>ops@example.com</to>
            <groupWait>0 seconds</groupWait>
          </appender>
          <root level="INFO"><appender-ref ref="REDEPLOYED"/></root>
        </configuration>
        """
            .formatted(greenMail.getSmtp().getPort());
    try (LogbackFixture logback = LogbackFixture.configure(xml, Map.of())) {
      logback.context.getLogger("com.shop.Db").error("database down");
      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), logback.statusText());
      // a reload parks the sender on the reload timer's thread until its successor takes it
      logback.context.reset();
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(logback.context);
      configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      logback.context.getLogger("com.shop.Db").error("database down again");
    }

    List<Thread> ours = ours();
    assertTrue(
        ours.stream().anyMatch(t -> t.getName().equals("alertmail-reload")),
        "the reload timer ran: " + ours);
    for (Thread thread : ours) {
      thread.join(10_000);
    }
    assertEquals(List.of(), ours().stream().filter(Thread::isAlive).map(Thread::getName).toList());
  }

  /** This test's threads and the JVM-wide ones every appender shares. */
  private static List<Thread> ours() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t ->
                t.getName().endsWith("[REDEPLOYED]")
                    || t.getName().equals("alertmail-reload")
                    || t.getName().equals("alertmail-smtp-deadline"))
        .toList();
  }
}

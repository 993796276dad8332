package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A flood through real threads and a real server: a few mails that account for every error. */
class AlertMailAppenderFloodTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void tensOfThousandsOfErrorsFromSeveralThreadsBecomeAFewMailsThatCountThemAll() throws Exception {
    int threads = 4;
    int perThread = 10_000;
    try (LogbackFixture logback =
        LogbackFixture.configure(
            """
            <configuration>
              <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                <smtpHost>127.0.0.1</smtpHost>
                <smtpPort>${PORT}</smtpPort>
                <tls>NONE</tls>
                <from>alerts@example.com</from>
                <to>ops@example.com</to>
                <groupWait>200 milliseconds</groupWait>
                <maxMails>5</maxMails>
                <ratePeriod>1 hour</ratePeriod>
              </appender>
              <root level="INFO"><appender-ref ref="ALERT"/></root>
            </configuration>
            """,
            Map.of("PORT", String.valueOf(greenMail.getSmtp().getPort())))) {
      Logger log = logback.context.getLogger("com.shop.db.ShardRouter");
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int shard = t;
        Thread worker =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perThread; i++) {
                    log.error(
                        "timeout on shard {} for order {}",
                        shard % 2,
                        i,
                        new IllegalStateException("pool exhausted"));
                  }
                });
        worker.start();
        workers.add(worker);
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
      logback.appender("ALERT").stop(); // sends what is pending as one last mail

      MimeMessage[] mails = greenMail.getReceivedMessages();
      long counted = 0;
      for (MimeMessage mail : mails) {
        counted += Long.parseLong(mail.getHeader("X-AlertMail-Count", null));
      }
      assertEquals((long) threads * perThread, counted, logback.statusText());
      assertTrue(mails.length <= 5 + 1, "rate limit plus the final mail: " + mails.length);
      String subject = mails[0].getSubject();
      assertTrue(
          subject.matches(
              "\\[shop\\] ERROR c\\.s\\.db\\.ShardRouter: timeout on shard \u2026 for order \u2026"
                  + " \\([0-9,]+ errors\\)"),
          subject);
      assertTrue(mails[0].getHeader("X-AlertMail-Fingerprint", null).matches("[0-9a-f]{12}"));
    }
  }
}

package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reconfigurations ({@code monitorInterval}) while six threads log 3,000 errors of three problems:
 * the manager and its counts carry over, and every error is counted under its own problem.
 */
class Log4jReloadStormTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void reloadsDuringAStormCostNoErrorItsCount() throws Exception {
    String xml =
        """
        <Configuration name="shop" status="warn">
          <Appenders>
            <AlertMail name="ALERT" smtpHost="127.0.0.1" smtpPort="%d" tls="NONE"
                       from="alerts@example.com" to="ops@example.com" groupWait="1 hour"/>
          </Appenders>
          <Loggers><Root level="info"><AppenderRef ref="ALERT"/></Root></Loggers>
        </Configuration>
        """
            .formatted(greenMail.getSmtp().getPort());
    try (Log4jFixture log4j = Log4jFixture.configure(xml)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        String thread = "T" + t;
        threads.add(
            new Thread(
                () -> {
                  Logger orders = log4j.context.getLogger("com.shop.Orders");
                  Logger payments = log4j.context.getLogger("com.shop.Payments");
                  Logger stock = log4j.context.getLogger("com.shop.Stock");
                  for (int i = 0; i < 500; i++) {
                    switch (i % 3) {
                      case 0 -> orders.error("could not load order {}-{}", thread, i);
                      case 1 -> payments.error("payment {} failed", i, new IllegalStateException());
                      default -> stock.error("stock of item {} is gone", i);
                    }
                  }
                }));
      }
      threads.forEach(Thread::start);
      for (int reload = 0; reload < 5; reload++) {
        log4j.reload(xml);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(List.of(), log4j.messages(Level.WARN));
    }

    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertEquals(1, mails.length, "one digest, kept over the reloads");
    assertEquals("3000", mails[0].getHeader("X-AlertMail-Count", null));
    String text = dev.alertmail.mail.ParsedMail.text(mails[0]);
    // 500 per thread: 167 orders, 167 payments, 166 stock
    assertTrue(text.contains("1,002× in "), text);
    assertTrue(text.contains(": could not load order T"), text);
    assertTrue(text.contains(": payment 1 failed"), text);
    assertTrue(text.contains("996× in "), text);
    assertTrue(text.indexOf("996× in ") < text.indexOf("stock of item"), text);
    assertFalse(text.contains("dropped"), text);
  }
}

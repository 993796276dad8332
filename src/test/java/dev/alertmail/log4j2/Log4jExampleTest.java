package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.examples.log4j2.Log4jDemo;
import dev.alertmail.mail.ParsedMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Log4j 2 example under examples/, end to end against GreenMail. */
class Log4jExampleTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void theExampleApplicationsErrorArrivesAsMail() throws Exception {
    Log4jDemo.run(Path.of("examples/log4j2/log4j2.xml"), greenMail.getSmtp().getPort());

    assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "no mail arrived");
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertEquals(
        "[shop] ERROR c.s.c.OrderService: Checkout failed for order \u2026", mail.getSubject());
    String text = ParsedMail.text(mail);
    assertTrue(text.contains("Payment provider 'paycorp' answered slowly"), text);
    assertTrue(text.contains("Caused by: java.sql.SQLException: Connection reset by peer"), text);
    assertTrue(text.contains("orderId"), text);
  }
}

package dev.alertmail.examples.log4j2;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;

/**
 * The Log4j 2 example: an application logs through AlertMail's Log4j appender to an embedded SMTP
 * server, and the mail that arrived is printed.
 *
 * <p>Run it from the repository root with {@code mvn -q -Pdemo test-compile exec:java
 * -Ddemo.mainClass=dev.alertmail.examples.log4j2.Log4jDemo}.
 */
public final class Log4jDemo {

  private Log4jDemo() {}

  /** Runs the demo; the optional argument is the log4j2.xml to use. */
  public static void main(String[] args) throws Exception {
    Path config = Path.of(args.length > 0 ? args[0] : "examples/log4j2/log4j2.xml");
    GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    try {
      run(config, server.getSmtp().getPort());
      System.out.println("== Waiting for the alert mail ...");
      if (!server.waitForIncomingEmail(15_000, 1)) {
        System.out.println("No mail arrived.");
        System.exit(1);
      }
      MimeMessage mail = server.getReceivedMessages()[0];
      System.out.println();
      System.out.println(
          "== The mail that arrived ==================================================");
      for (String header : Collections.list(mail.getAllHeaderLines())) {
        if (!header.startsWith("Received:") && !header.startsWith("Return-Path:")) {
          System.out.println(header);
        }
      }
      System.out.println("Subject (decoded): " + mail.getSubject());
    } finally {
      server.stop();
    }
  }

  /**
   * Configures Log4j from the file with the SMTP server's port, logs an incident, and stops Log4j
   * as an application's shutdown does, which mails what is pending.
   */
  public static void run(Path config, int smtpPort) throws IOException {
    System.setProperty("demo.smtp.port", String.valueOf(smtpPort));
    LoggerContext log4j = new LoggerContext("log4j2-demo");
    log4j.start(
        ConfigurationFactory.getInstance()
            .getConfiguration(log4j, ConfigurationSource.fromUri(config.toUri())));
    try {
      Logger log = log4j.getLogger("com.shop.checkout.OrderService");
      log.info("Shop started, 3 payment providers available");
      ThreadContext.put("orderId", "A-1042");
      try {
        log.warn("Payment provider 'paycorp' answered slowly (2,340 ms)");
        log.error(
            "Checkout failed for order {}",
            "A-1042",
            new IllegalStateException(
                "Could not record payment", new java.sql.SQLException("Connection reset by peer")));
      } finally {
        ThreadContext.clearAll();
      }
    } finally {
      log4j.stop();
    }
  }
}

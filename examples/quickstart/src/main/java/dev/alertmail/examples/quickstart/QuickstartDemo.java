package dev.alertmail.examples.quickstart;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The quickstart: an application logs through AlertMail to an embedded SMTP server, and the mail
 * that arrived is printed.
 *
 * <p>Run it from the repository root with {@code mvn -q -Pdemo test-compile exec:java}. With {@code
 * -Dexec.args=--storm} the application logs a short storm of several kinds of error from two
 * threads instead, and the one digest mail that reports all of them is printed.
 */
public final class QuickstartDemo {

  private QuickstartDemo() {}

  /** Runs the demo; arguments: {@code --storm}, and the logback.xml to use. */
  public static void main(String[] args) throws Exception {
    boolean storm = java.util.Arrays.asList(args).contains("--storm");
    Path config =
        Path.of(
            java.util.Arrays.stream(args)
                .filter(a -> !a.startsWith("--"))
                .findFirst()
                .orElse("examples/quickstart/logback.xml"));
    Path htmlOut = Path.of("target", "quickstart-alert.html").toAbsolutePath();
    PrintStream out = System.out;

    // silence everything until the demo's own logback.xml is loaded, the embedded server included
    ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    GreenMail smtpServer =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtpServer.start();
    try {
      int port = smtpServer.getSmtp().getPort();
      out.println("== Embedded SMTP server listening on 127.0.0.1:" + port);
      LoggerContext logback = configureLogback(config, port);

      if (storm) {
        // 645 stack traces on the console would hide the point: the one mail
        logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender("CONSOLE");
        int logged = runStorm();
        out.println("== Logged " + logged + " errors of 27 kinds from 2 threads in a few ms");
      } else {
        runShop();
      }

      out.println("== Waiting for the alert mail ...");
      if (!smtpServer.waitForIncomingEmail(15_000, 1)) {
        out.println("No mail arrived. Logback status:");
        new StatusPrinter2().print(logback);
        System.exit(1);
      }
      logback.stop(); // what an application does on shutdown: flushes pending alerts
      MimeMessage mail = smtpServer.getReceivedMessages()[0];
      printMail(mail, htmlOut, out);
      if (storm) {
        out.println(
            "== "
                + smtpServer.getReceivedMessages().length
                + " mail(s) arrived for the whole storm");
      }
    } finally {
      smtpServer.stop();
    }
  }

  private static LoggerContext configureLogback(Path config, int port) throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty("DEMO_SMTP_PORT", String.valueOf(port));
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config.toFile());
    return context;
  }

  /** A tiny "application": some normal traffic, then a failure with a cause chain. */
  private static void runShop() {
    Logger log = LoggerFactory.getLogger("com.shop.checkout.OrderService");
    log.info("Shop started, 3 payment providers available");
    MDC.put("orderId", "A-1042");
    MDC.put("customer", "c-77");
    try {
      log.info("Order {} received: 2 items, total {} EUR", "A-1042", "59.90");
      log.warn("Payment provider 'paycorp' answered slowly (2,340 ms)");
      try {
        chargeCard();
      } catch (IllegalStateException e) {
        log.error("Checkout failed for order {}", "A-1042", e);
      }
    } finally {
      MDC.clear();
    }
  }

  /**
   * An outage: the database goes away while a few rare errors happen too. Two threads log 25 rare
   * errors, then 500 "database down" and 120 "payment provider timeout" errors, interleaved.
   */
  private static int runStorm() throws InterruptedException {
    Logger log = LoggerFactory.getLogger("com.shop.checkout.OrderService");
    for (int i = 0; i < 25; i++) {
      // each its own problem: the messages differ in a word, not only in a number or an id
      log.error("Minor glitch in recommendation widget " + (char) ('A' + i));
    }
    Runnable storm =
        () -> {
          for (int i = 0; i < 250; i++) {
            log.error(
                "Database down: could not load order {}",
                "A-" + i,
                new IllegalStateException(
                    "connection pool exhausted", new SQLException("Connection refused", "08001")));
            if (i % 25 < 6) {
              log.error("Payment provider 'paycorp' timed out for order {}", "A-" + i);
            }
          }
        };
    Thread first = new Thread(storm, "http-worker-1");
    Thread second = new Thread(storm, "http-worker-2");
    first.start();
    second.start();
    first.join();
    second.join();
    return 25 + 2 * 250 + 2 * 60;
  }

  private static void chargeCard() {
    try {
      throw new SQLException("Connection reset by peer", "08S01");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record payment for order A-1042", e);
    }
  }

  private static void printMail(MimeMessage mail, Path htmlOut, PrintStream out) throws Exception {
    out.println();
    out.println("== The mail that arrived ==================================================");
    for (String header : Collections.list(mail.getAllHeaderLines())) {
      if (!header.startsWith("Received:") && !header.startsWith("Return-Path:")) {
        out.println(header);
      }
    }
    out.println("Subject (decoded): " + mail.getSubject());
    out.println();
    String html = null;
    if (mail.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          out.println(
              "---- text/plain part -------------------------------------------------------");
          out.println(part.getContent());
        } else if (part.isMimeType("text/html")) {
          html = (String) part.getContent();
        }
      }
    } else if (mail.isMimeType("text/plain")) {
      out.println(mail.getContent());
    } else if (mail.isMimeType("text/html")) {
      html = (String) mail.getContent();
    }
    if (html != null) {
      writeHtml(html, htmlOut);
      out.println("---- text/html part --------------------------------------------------------");
      out.println("Written to " + htmlOut + " (open it in a browser)");
    }
  }

  private static void writeHtml(String html, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.writeString(target, html, StandardCharsets.UTF_8);
  }
}

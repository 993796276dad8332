package com.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The shop as it runs in production, with GreenMail as the company's relay: failing requests reach
 * the on-call engineer as one mail that names the application's exception and its code.
 */
class ShopAlertMailTest {

  @RegisterExtension
  static final GreenMailExtension relay =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          // the password arrives from the environment (ALERTMAIL_PASSWORD, see pom.xml)
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("alerts@shop.example", "s3cret-for-the-test"));

  @Test
  void threeFailingOrdersReachOnCallAsOneMailAboutTheControllersException() throws Exception {
    try (ConfigurableApplicationContext shop =
        SpringApplication.run(
            ShopApplication.class,
            "--server.port=0",
            "--alertmail.smtp-host=127.0.0.1",
            "--alertmail.smtp-port=" + relay.getSmtp().getPort(),
            "--alertmail.tls=NONE")) {
      int port = Integer.parseInt(shop.getEnvironment().getProperty("local.server.port"));
      HttpClient http = HttpClient.newHttpClient();
      for (String order : new String[] {"T-78", "T-79", "T-80"}) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/orders/" + order + "/payment"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
      }
    }
    // what Spring Boot's logging shutdown hook does when the JVM exits: stop Logback, which mails
    // what is pending at once
    LoggingSystem.get(ShopApplication.class.getClassLoader()).getShutdownHandler().run();

    MimeMessage[] mails = relay.getReceivedMessages();
    assertEquals(1, mails.length, "one mail for one problem");
    MimeMessage mail = mails[0];
    // Tomcat logged "Servlet.service() for servlet [dispatcherServlet] ... threw exception": the
    // subject names the application's exception instead, the order number taken out
    assertEquals(
        "[shop] ERROR IllegalStateException: Payment provider rejected order T-…: timeout"
            + " (3 errors)",
        mail.getSubject());
    assertEquals("3", mail.getHeader("X-AlertMail-Count", null));

    String text = MailParts.text(mail);
    assertTrue(text.contains("3 errors in shop"), text);
    assertFalse(text.contains("kinds"), "three orders, one problem: " + text);
    assertTrue(
        text.contains("Where:       com.shop.OrderController.pay(OrderController.java:"), text);
    assertTrue(
        text.contains("Cause:       IllegalStateException: Payment provider rejected"), text);
    assertTrue(text.contains("\tat org.apache.catalina.core.StandardWrapperValve.invoke"), text);

    // the HTML part shows the application's frame in bold and folds Tomcat's and Spring's
    String html = MailParts.html(mail);
    // to look at in a browser (README's phone screenshot is this file)
    Files.writeString(Path.of("target/shop-alert.html"), html);
    assertTrue(
        Pattern.compile(
                "<b[^>]*>[^<]*com\\.shop\\.OrderController\\.pay\\(OrderController\\.java:\\d+\\)</b>")
            .matcher(html)
            .find(),
        html);
    assertTrue(html.contains("framework frames folded"), html);
    assertFalse(html.contains("StandardWrapperValve"), html);
  }
}

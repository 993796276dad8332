package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.status.Status;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A sample nobody runs rots: every logback.xml in the README and in examples/ is loaded here. */
class DocumentedConfigurationsTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);

  static Stream<String> readmeConfigurations() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    List<String> configurations = new ArrayList<>();
    Matcher matcher = XML_BLOCK.matcher(readme);
    while (matcher.find()) {
      if (matcher.group(1).contains("<configuration")) {
        configurations.add(
            dev.alertmail.mail.DocumentedDkimKey.inPlace(asSpringBootWould(matcher.group(1))));
      }
    }
    return configurations.stream();
  }

  private static final Pattern SPRING_PROPERTY =
      Pattern.compile(
          "<springProperty [^>]*name=\"(\\w+)\"[^>]*?(?:defaultValue=\"([^\"]*)\")?\\s*/>");

  /**
   * A logback-spring.xml as Spring Boot hands it to Logback with the "prod" profile active: each
   * {@code <springProperty>} resolved (here from the test's properties, or its default), each
   * {@code <springProfile>} section entered. Plain logback.xml files pass unchanged.
   */
  static String asSpringBootWould(String xml) {
    Matcher property = SPRING_PROPERTY.matcher(xml);
    StringBuilder out = new StringBuilder();
    while (property.find()) {
      String replacement =
          property.group(2) == null
              ? ""
              : "<property name=\""
                  + property.group(1)
                  + "\" value=\""
                  + property.group(2)
                  + "\"/>";
      property.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    property.appendTail(out);
    return out.toString()
        .replaceAll("<springProfile name=\"prod\">", "")
        .replaceAll("</springProfile>", "");
  }

  @Test
  void theSpringBootExampleIsALogbackSpringXml() throws IOException {
    assertTrue(
        readmeConfigurations().anyMatch(xml -> xml.contains("<contextName>${APP_NAME}")),
        "the README shows a logback-spring.xml");
    assertTrue(
        Files.readString(Path.of("README.md")).contains("<springProperty scope=\"context\""));
  }

  @Test
  void theReadmeShowsConfigurations() throws IOException {
    assertTrue(readmeConfigurations().count() >= 3);
  }

  @ParameterizedTest
  @MethodSource("readmeConfigurations")
  void readmeConfigurationStartsWithoutErrors(String xml) {
    try (LogbackFixture logback =
        LogbackFixture.configure(
            xml,
            Map.of(
                "SMTP_USER",
                "alerts",
                "SMTP_PASSWORD",
                "s3cret",
                "ALERTMAIL_TRUST_STORE",
                Path.of("src/test/resources/tls/ca.p12").toAbsolutePath().toString(),
                "ALERTMAIL_TRUST_STORE_PASSWORD",
                "changeit",
                "OAUTH_CLIENT_SECRET",
                "client-secret",
                "OAUTH_REFRESH_TOKEN",
                "refresh-token"))) {
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());
      assertEquals(List.of(), logback.statusMessages(Status.ERROR));
      assertEquals(List.of(), logback.statusMessages(Status.WARN));
    }
  }

  @Test
  void quickstartConfigurationDeliversAnAlert() throws Exception {
    String xml = Files.readString(Path.of("examples/quickstart/logback.xml"));
    try (LogbackFixture logback =
        LogbackFixture.configure(
            xml, Map.of("DEMO_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort())))) {
      logback.context.getLogger("ROOT").detachAppender("CONSOLE"); // tests do not print
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());
      logback.context.getLogger("com.shop.Checkout").error("payment failed");
      assertTrue(greenMail.waitForIncomingEmail(10_000, 1), logback.statusText());
      assertEquals(
          "[shop] ERROR com.shop.Checkout: payment failed",
          greenMail.getReceivedMessages()[0].getSubject());
      assertEquals(List.of(), logback.statusMessages(Status.ERROR));
    }
  }
}

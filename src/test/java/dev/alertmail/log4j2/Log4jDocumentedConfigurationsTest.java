package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A sample nobody runs rots: every log4j2.xml in the README and in examples/ is loaded here. */
class Log4jDocumentedConfigurationsTest {

  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);

  // the README reads secrets with ${env:...}; a test cannot set the environment, so the same
  // names come from system properties here
  private static final Map<String, String> VARIABLES =
      Map.of(
          "SMTP_USER", "alerts",
          "SMTP_PASSWORD", "s3cret",
          "ALERTMAIL_TRUST_STORE",
              Path.of("src/test/resources/tls/ca.p12").toAbsolutePath().toString(),
          "ALERTMAIL_TRUST_STORE_PASSWORD", "changeit",
          "OAUTH_CLIENT_SECRET", "client-secret",
          "OAUTH_REFRESH_TOKEN", "refresh-token");

  @BeforeAll
  static void setVariables() {
    VARIABLES.forEach(System::setProperty);
  }

  @AfterAll
  static void clearVariables() {
    VARIABLES.keySet().forEach(System::clearProperty);
  }

  static Stream<String> documentedConfigurations() throws IOException {
    List<String> configurations = new ArrayList<>();
    Matcher matcher = XML_BLOCK.matcher(Files.readString(Path.of("README.md")));
    while (matcher.find()) {
      if (matcher.group(1).contains("<Configuration")) {
        configurations.add(matcher.group(1));
      }
    }
    configurations.add(Files.readString(Path.of("examples/log4j2/log4j2.xml")));
    return configurations.stream();
  }

  @Test
  void theReadmeShowsALog4jConfigurationForEachLogbackOne() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    long logback = Pattern.compile("```xml\\n<configuration>").matcher(readme).results().count();
    long log4j = Pattern.compile("```xml\\n<Configuration").matcher(readme).results().count();
    // the Spring Boot logback-spring.xml has no Log4j counterpart
    assertEquals(logback - 1, log4j);
  }

  @ParameterizedTest
  @MethodSource("documentedConfigurations")
  void documentedConfigurationStartsWithoutErrors(String xml) {
    try (Log4jFixture log4j =
        Log4jFixture.configure(
            dev.alertmail.mail.DocumentedDkimKey.inPlace(xml.replace("${env:", "${sys:")))) {
      assertTrue(
          log4j.appender("ALERT") != null && log4j.appender("ALERT").isStarted(),
          log4j.messages(Level.WARN).toString());
      assertEquals(List.of(), log4j.messages(Level.ERROR));
    }
  }
}

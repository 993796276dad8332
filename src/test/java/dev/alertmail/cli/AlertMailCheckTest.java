package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.smtp.ScriptedSmtpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alertmail check} on a real logback.xml against a server with STARTTLS and AUTH. */
class AlertMailCheckTest {

  private static final Path SERVER_STORE = Path.of("src/test/resources/tls/server.p12");

  @TempDir Path dir;

  static SSLContext serverTls() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(SERVER_STORE)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private Path logbackXml(int port) throws Exception {
    return Files.writeString(
        dir.resolve("logback.xml"),
        """
        <configuration>
          <property name="MAIL_PORT" value="%d"/>
          <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender"/>
          <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
            <smtpHost>localhost</smtpHost>
            <smtpPort>${MAIL_PORT}</smtpPort>
            <tls>STARTTLS</tls>
            <trustStore>%s</trustStore>
            <trustStorePassword>changeit</trustStorePassword>
            <username>alerts</username>
            <password>${ALERTMAIL_CHECK_TEST_PASSWORD:-s3cret!}</password>
            <from>alerts@example.com</from>
            <to>ops@example.com</to>
          </appender>
          <root level="INFO"><appender-ref ref="ALERT"/></root>
        </configuration>
        """
            .formatted(port, SERVER_STORE.toAbsolutePath()));
  }

  @Test
  void checkReportsEachStepWithTheCertificateAndSendsNothing() throws Exception {
    SSLContext tls = serverTls();
    String plain =
        Base64.getEncoder().encodeToString("\0alerts\0s3cret!".getBytes(StandardCharsets.UTF_8));
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.readLine(); // EHLO
              peer.send("250-mx.test", "250-STARTTLS", "250 SIZE 1000000");
              peer.expect("STARTTLS").send("220 ready");
              peer.startTls(tls);
              peer.readLine(); // EHLO again
              peer.send("250-mx.test", "250 AUTH PLAIN LOGIN");
              peer.expect("AUTH PLAIN " + plain).send("235 2.7.0 accepted");
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 2.1.0 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 2.1.5 ok");
              peer.expect("RSET").send("250 2.0.0 ok");
              peer.expect("QUIT").send("221 bye");
            })) {
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      int code =
          AlertMailCli.run(
              new String[] {
                "check", "--logback", logbackXml(server.port()).toString(), "--verbose"
              },
              Map.of(),
              new ByteArrayInputStream(new byte[0]),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));

      String report = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, report + err);
      for (String step :
          new String[] {
            "route",
            "DNS",
            "connect",
            "greeting",
            "EHLO",
            "STARTTLS",
            "AUTH",
            "MAIL FROM",
            "RCPT TO"
          }) {
        assertTrue(
            report.contains("\n" + step + " ") || report.startsWith(step + " "),
            step + " in\n" + report);
      }
      assertTrue(report.contains("STARTTLS, SIZE 1000000"), report);
      assertTrue(report.contains("CN=localhost"), report);
      assertTrue(report.contains("valid until 21"), report);
      assertTrue(report.contains(" ms "), "timings are shown: " + report);
      assertFalse(server.received().contains("DATA"), "check sends no mail");
      assertTrue(
          report.contains("OK: localhost:" + server.port() + " would take the mail"), report);
      String transcript = err.toString(StandardCharsets.UTF_8);
      assertTrue(transcript.contains("C: AUTH PLAIN"), transcript);
      assertFalse(transcript.contains(plain), "credentials masked: " + transcript);
    }
  }

  @Test
  void aLogbackXmlWithoutTheAppenderIsAConfigurationError() throws Exception {
    Path xml = Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
    var err = new ByteArrayOutputStream();
    int code =
        AlertMailCli.run(
            new String[] {"check", "--logback", xml.toString()},
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(78, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no AlertMail appender"));
  }

  private static int check(
      Map<String, String> env,
      ByteArrayOutputStream out,
      ByteArrayOutputStream err,
      String... args) {
    return AlertMailCli.run(
        args,
        env,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A Log4j 2 user checks a log4j2.xml the way a Logback user checks a logback.xml. */
  @Test
  void aLog4j2XmlIsCheckedWithItsLookupsResolved() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.readLine(); // EHLO
              peer.send("250 mx.test");
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("RSET").send("250 ok");
              peer.expect("QUIT").send("221 bye");
            })) {
      Path xml =
          Files.writeString(
              dir.resolve("log4j2.xml"),
              """
              <Configuration name="shop">
                <Properties>
                  <Property name="mailHost">127.0.0.1</Property>
                </Properties>
                <Appenders>
                  <Console name="CONSOLE"/>
                  <AlertMail name="ALERT" smtpHost="${mailHost}" smtpPort="${env:MAIL_PORT}"
                             tls="NONE" from="alerts@example.com"
                             to="${sys:alertmail.check.to:-ops@example.com}"/>
                </Appenders>
              </Configuration>
              """);
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      int code =
          check(
              Map.of("MAIL_PORT", String.valueOf(server.port())),
              out,
              err,
              "check",
              "--log4j2",
              xml.toString());

      assertEquals(0, code, out + "" + err);
      assertTrue(
          out.toString(StandardCharsets.UTF_8).contains("would take the mail"), out.toString());
    }
  }

  @Test
  void anUndefinedLookupInALog4j2XmlIsNamedInLog4jsWords() throws Exception {
    Path xml =
        Files.writeString(
            dir.resolve("log4j2.xml"),
            """
            <Configuration name="shop">
              <Appenders>
                <AlertMail name="ALERT" smtpHost="smtp.example.com" username="alerts"
                           password="${env:SMTP_PASSWORD}" from="alerts@example.com"
                           to="ops@example.com"/>
              </Appenders>
            </Configuration>
            """);
    var err = new ByteArrayOutputStream();
    int code =
        check(Map.of(), new ByteArrayOutputStream(), err, "check", "--log4j2", xml.toString());

    assertEquals(78, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("password uses ${SMTP_PASSWORD}, which is not defined"), text);
    assertFalse(text.contains("<password>"), "in log4j2.xml's words: " + text);
  }
}

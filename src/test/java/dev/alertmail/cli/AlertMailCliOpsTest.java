package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.smtp.ScriptedSmtpServer;
import dev.alertmail.smtp.TestDnsServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the on-call engineer reads from the command line: the truth, in the command line's words.
 */
class AlertMailCliOpsTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        AlertMailCli.run(
            args,
            env,
            new ByteArrayInputStream("body\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void greet(ScriptedSmtpServer.Peer peer) throws Exception {
    peer.send("220 mx.test ESMTP");
    peer.readLine(); // EHLO
    peer.send("250 mx.test");
  }

  private Path config(int port) throws Exception {
    return Files.writeString(
        dir.resolve("alertmail.properties"),
        """
        smtpHost=127.0.0.1
        smtpPort=%d
        tls=NONE
        from=alerts@example.com
        to=ops@example.com, oncall@example.com
        """
            .formatted(port));
  }

  @Test
  void aConfigFileWithAPasswordThatEveryUserMayReadIsWarnedAbout() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Path file =
        Files.writeString(
            dir.resolve("secret.properties"),
            "smtpHost=127.0.0.1\nsmtpPort=%d\ntls=NONE\nusername=alerts\npassword=s3cret!\nfrom=a@example.com\n"
                .formatted(closed));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Run shared = run(Map.of(), "check", "--config", file.toString(), "--to", "ops@example.com");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Run guarded = run(Map.of(), "check", "--config", file.toString(), "--to", "ops@example.com");

    assertTrue(
        shared.err().contains("holds a secret and every user may read it (rw-r--r--)"),
        shared.err());
    assertTrue(shared.err().contains("chmod o-r " + file), shared.err());
    assertFalse(shared.err().contains("s3cret!"), shared.err());
    assertEquals(75, shared.code(), "the check goes on: the server is down, not the warning");
    assertFalse(guarded.err().contains("warning"), guarded.err());
  }

  @Test
  void checkSaysWouldTakeTheMailOnlyAfterEveryRecipientWasAccepted() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("RCPT TO:<oncall@example.com>").send("550 5.1.1 no such user");
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run = run(Map.of(), "check", "--config", config(server.port()).toString());

      assertEquals(67, run.code(), run.out() + run.err());
      assertTrue(run.out().contains("RCPT TO") && run.out().contains("<ops@example.com> accepted"));
      assertFalse(run.out().contains("would take the mail"), run.out());
      assertTrue(run.err().contains("550 5.1.1 no such user"), run.err());
      assertFalse(server.received().contains("DATA"));
    }
  }

  @Test
  void checkReadsACliPropertiesFileAndEndsWithRset() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("RCPT TO:<oncall@example.com>").send("250 ok");
              peer.expect("RSET").send("250 ok");
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run = run(Map.of(), "check", "--config", config(server.port()).toString());

      assertEquals(0, run.code(), run.out() + run.err());
      assertTrue(run.out().contains("OK: 127.0.0.1:" + server.port() + " would take the mail"));
    }
  }

  @Test
  void anUndefinedPasswordVariableIsNamedAndNeverSent() throws Exception {
    Path xml =
        Files.writeString(
            dir.resolve("logback.xml"),
            """
            <configuration>
              <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                <smtpHost>127.0.0.1</smtpHost>
                <username>alerts</username>
                <password>${ALERTMAIL_CLI_TEST_UNDEFINED}</password>
                <from>alerts@example.com</from>
                <to>ops@example.com</to>
              </appender>
            </configuration>
            """);
    Run run = run(Map.of(), "check", "--logback", xml.toString());

    assertEquals(78, run.code());
    assertTrue(
        run.err().contains("<password> uses ${ALERTMAIL_CLI_TEST_UNDEFINED}, which is not defined"),
        run.err());
    assertFalse(run.err().contains("_IS_UNDEFINED"), run.err());
    assertFalse(run.out().contains("connect"), "nothing was contacted: " + run.out());
  }

  @Test
  void aLogbackSpringXmlTakesSpringPropertiesAndTheChosenProfile() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.expect("MAIL FROM:<alerts@prod.example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("RSET").send("250 ok");
              peer.expect("QUIT").send("221 bye");
            })) {
      Path xml =
          Files.writeString(
              dir.resolve("logback-spring.xml"),
              """
              <configuration>
                <springProperty scope="context" name="MAIL_PORT" source="alert.mail.port"/>
                <springProperty name="SENDER" source="alert.sender" defaultValue="dev@example.com"/>
                <springProfile name="prod">
                  <property name="SENDER_DOMAIN" value="prod.example.com"/>
                  <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                    <smtpHost>127.0.0.1</smtpHost>
                    <smtpPort>${MAIL_PORT}</smtpPort>
                    <tls>NONE</tls>
                    <from>alerts@${SENDER_DOMAIN}</from>
                    <to>ops@example.com</to>
                  </appender>
                </springProfile>
                <springProfile name="!prod">
                  <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                    <smtpHost>dev-relay.invalid</smtpHost>
                    <from>${SENDER}</from>
                    <to>dev@example.com</to>
                  </appender>
                </springProfile>
              </configuration>
              """);
      Run run =
          run(
              Map.of("ALERT_MAIL_PORT", String.valueOf(server.port())),
              "check",
              "--logback",
              xml.toString(),
              "--profile",
              "prod");

      assertEquals(0, run.code(), run.out() + run.err());
      assertTrue(run.out().contains("would take the mail"), run.out());
    }
  }

  @Test
  void aSpringPropertyThatOnlyApplicationPropertiesDefinesIsReportedPlainly() throws Exception {
    Path xml =
        Files.writeString(
            dir.resolve("logback-spring.xml"),
            """
            <configuration>
              <springProperty name="SMTP_PASSWORD" source="smtp.password"/>
              <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                <smtpHost>127.0.0.1</smtpHost>
                <username>alerts</username>
                <password>${SMTP_PASSWORD}</password>
                <from>alerts@example.com</from>
                <to>ops@example.com</to>
              </appender>
            </configuration>
            """);
    Run run = run(Map.of(), "check", "--logback", xml.toString());

    assertEquals(78, run.code());
    assertTrue(run.err().contains("<password> uses ${SMTP_PASSWORD}"), run.err());
    assertTrue(run.err().contains("SMTP_PASSWORD from smtp.password or SMTP_PASSWORD"), run.err());
  }

  @Test
  void aSpringPropertyIsReadFromEveryEnvironmentNameSpringReads() throws Exception {
    Path xml =
        Files.writeString(
            dir.resolve("logback-spring.xml"),
            """
            <configuration>
              <springProperty name="STORE_PASSWORD" source="alertmail.trust-store-password"/>
              <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                <smtpHost>127.0.0.1</smtpHost>
                <trustStorePassword>${STORE_PASSWORD}</trustStorePassword>
                <from>alerts@example.com</from>
                <to>ops@example.com</to>
              </appender>
            </configuration>
            """);
    for (String variable :
        List.of("ALERTMAIL_TRUST_STORE_PASSWORD", "ALERTMAIL_TRUSTSTOREPASSWORD")) {
      Settings settings = LogbackXmlReader.read(xml, null, null, Map.of(variable, "changeit"));
      assertEquals("changeit", settings.get("trustStorePassword"), variable);
    }
  }

  @Test
  void theReadmesLogbackSpringXmlResolvesWithTheProdProfileFromTheEnvironment() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<configuration>\n  <springProperty");
    String xml = readme.substring(start, readme.indexOf("</configuration>", start) + 16);
    Path file = Files.writeString(dir.resolve("logback-spring.xml"), xml);

    Settings settings =
        LogbackXmlReader.read(
            file,
            null,
            "prod",
            // the names the command line reads too: one name per secret everywhere
            Map.of("ALERTMAIL_USERNAME", "alerts", "ALERTMAIL_PASSWORD", "s3cret"));

    assertEquals("smtp.example.com", settings.get("smtpHost"));
    assertEquals("alerts", settings.get("username"));
    assertEquals("s3cret", settings.get("password"));
    CliFailure withoutProfile =
        org.junit.jupiter.api.Assertions.assertThrows(
            CliFailure.class, () -> LogbackXmlReader.read(file, null, null, Map.of()));
    assertTrue(withoutProfile.getMessage().contains("no AlertMail appender"));
    assertTrue(
        withoutProfile
            .getMessage()
            .contains("<springProfile name=\"prod\"> hold one: add --profile prod"),
        withoutProfile.getMessage());
  }

  @Test
  void anUnknownHostExitsWith68NotRetryLater() throws Exception {
    try (TestDnsServer dns = TestDnsServer.start()) {
      Run run =
          run(
              Map.of(),
              "send",
              "--to",
              "ops@nowhere.test",
              "--from",
              "alerts@example.com",
              "--dns-server",
              dns.address().toString());

      assertEquals(68, run.code(), run.err());
      assertTrue(run.err().contains("does not exist (NXDOMAIN)"), run.err());
    }
  }

  @Test
  void aMissingRequiredStartTlsIsAConfigurationProblemInCliWords() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run =
          run(
              Map.of(),
              "send",
              "--to",
              "ops@example.com",
              "--from",
              "alerts@example.com",
              "--smtp-host",
              "127.0.0.1:" + server.port(),
              "--tls",
              "STARTTLS");

      assertEquals(78, run.code(), run.err());
      assertTrue(run.err().contains("which --tls starttls requires"), run.err());
      assertTrue(run.err().contains("use --tls implicit"), run.err());
      assertFalse(run.err().contains("<tls>"), run.err());
    }
  }

  @Test
  void anUntrustedCertificateIsAConfigurationProblemNotRetryLater() throws Exception {
    var tls = AlertMailCheckTest.serverTls();
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.readLine(); // EHLO
              peer.send("250-mx.test", "250 STARTTLS");
              peer.expect("STARTTLS").send("220 ready");
              peer.startTlsExpectingFailure(tls);
            })) {
      Run run =
          run(
              Map.of("ALERTMAIL_FROM", "alerts@example.com"),
              "send",
              "--to",
              "ops@example.com",
              "--smtp-host",
              "localhost:" + server.port(),
              "--tls",
              "STARTTLS");

      assertEquals(78, run.code(), run.err());
      assertTrue(run.err().contains("certificate is not trusted"), run.err());
      assertTrue(run.err().contains("--trust-store"), run.err());
    }
  }

  @Test
  void successShowsTheServersQueueId() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("DATA").send("354 go on");
              peer.readData();
              peer.send("250 2.0.0 Ok: queued as 4XkR2m0Zz1z9");
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run =
          run(
              Map.of("ALERTMAIL_FROM", "alerts@example.com", "ALERTMAIL_TLS", "none"),
              "send",
              "--to",
              "ops@example.com",
              "--smtp-host",
              "127.0.0.1:" + server.port());

      assertEquals(0, run.code(), run.err());
      assertTrue(run.out().contains("250 2.0.0 Ok: queued as 4XkR2m0Zz1z9"), run.out());
    }
  }

  @Test
  void aTimeoutReadsInSecondsNotIso8601() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.start(peer -> peer.awaitClose())) {
      Run run =
          run(
              Map.of("ALERTMAIL_FROM", "alerts@example.com"),
              "send",
              "--to",
              "ops@example.com",
              "--smtp-host",
              "127.0.0.1:" + server.port(),
              "--read-timeout",
              "1 second");

      assertEquals(75, run.code(), run.err());
      assertTrue(run.err().contains("no complete reply within readTimeout (1 second)"), run.err());
      assertFalse(run.err().contains("PT1S"), run.err());
    }
  }

  @Test
  void eachCommandHasHelpListingEveryFlagAndVariable() {
    for (String command : new String[] {"send", "zabbix", "check"}) {
      Run run = run(Map.of(), command, "--help");
      assertEquals(0, run.code());
      for (String name : Settings.NAMES) {
        assertTrue(run.out().contains(Settings.envName(name)), command + ": " + name);
      }
      assertTrue(run.out().contains("--smtp-host"), run.out());
      assertTrue(run.out().contains("68 unknown"), run.out());
    }
    assertTrue(run(Map.of(), "check", "--help").out().contains("--profile"));
  }

  @Test
  void checkOfALogbackXmlTakesFlagsOverItAndProfileSectionsInsideTheAppender() throws Exception {
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              greet(peer);
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<me@example.com>").send("250 ok");
              peer.expect("RSET").send("250 ok");
              peer.expect("QUIT").send("221 bye");
            })) {
      Path xml =
          Files.writeString(
              dir.resolve("logback-spring.xml"),
              """
              <configuration>
                <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
                  <smtpHost>127.0.0.1</smtpHost>
                  <tls>NONE</tls>
                  <from>alerts@example.com</from>
                  <to>ops@example.com</to>
                  <springProfile name="prod"><smtpPort>%d</smtpPort></springProfile>
                </appender>
              </configuration>
              """
                  .formatted(server.port()));
      Run run =
          run(
              Map.of(),
              "check",
              "--logback",
              xml.toString(),
              "--profile",
              "prod",
              "--to",
              "me@example.com");

      assertEquals(0, run.code(), run.out() + run.err());
    }
  }

  @Test
  void checkShowsTheTokenStepBeforeAuthAndNeverTheToken() throws Exception {
    Path token = Files.writeString(dir.resolve("smtp-token"), "file-token-123\n");
    String blob =
        java.util.Base64.getEncoder()
            .encodeToString(
                "user=alerts@example.com\u0001auth=Bearer file-token-123\u0001\u0001"
                    .getBytes(StandardCharsets.UTF_8));
    try (ScriptedSmtpServer server =
        ScriptedSmtpServer.start(
            peer -> {
              peer.send("220 mx.test ESMTP");
              peer.readLine(); // EHLO
              peer.send("250-mx.test", "250 AUTH XOAUTH2");
              peer.expect("AUTH XOAUTH2 " + blob).send("235 ok");
              peer.expect("MAIL FROM:<alerts@example.com>").send("250 ok");
              peer.expect("RCPT TO:<ops@example.com>").send("250 ok");
              peer.expect("RSET").send("250 ok");
              peer.expect("QUIT").send("221 bye");
            })) {
      Run run =
          run(
              Map.of("ALERTMAIL_OAUTH_TOKEN_FILE", token.toString()),
              "check",
              "--smtp-host",
              "127.0.0.1:" + server.port(),
              "--tls",
              "none",
              "--username",
              "alerts@example.com",
              "--from",
              "alerts@example.com",
              "--to",
              "ops@example.com",
              "--verbose");

      assertEquals(0, run.code(), run.out() + run.err());
      assertTrue(run.out().contains("\ntoken "), run.out());
      assertTrue(run.out().contains("from file " + token), run.out());
      assertTrue(run.err().contains("C: AUTH XOAUTH2 ****"), run.err());
      assertFalse((run.out() + run.err()).contains("file-token-123"));
      assertFalse((run.out() + run.err()).contains(blob));
    }
  }

  @Test
  void anOAuthSecretIsNeverTakenFromAFlag() {
    Run run = run(Map.of(), "send", "--to", "ops@example.com", "--oauth-client-secret", "x");
    assertEquals(64, run.code());
    assertTrue(run.err().contains("ALERTMAIL_OAUTH_CLIENT_SECRET"), run.err());
  }

  @Test
  void aMistypedFlagIsAUsageErrorNotASilentlyDroppedSetting() {
    Run run = run(Map.of(), "check", "--config", "x.properties", "--tsl", "starttls");
    assertEquals(64, run.code());
    assertTrue(run.err().contains("unknown flag --tsl"), run.err());
  }

  @Test
  void aFlagGivenTwiceIsAUsageErrorUnlessItTakesAList() {
    Run twice =
        run(Map.of(), "send", "--to", "ops@example.com", "--smtp-port", "26", "--smtp-port", "25");
    assertEquals(64, twice.code());
    assertTrue(
        twice.err().contains("--smtp-port is given twice ('26' and '25'): give it once"),
        twice.err());

    Run list =
        run(Map.of(), "send", "--to", "ops@example.com", "--to", "lead@example.com", "--tsl", "x");
    assertTrue(list.err().contains("unknown flag --tsl"), "--to twice is fine: " + list.err());
  }

  @Test
  void versionIsTheProjectsVersion() {
    Run run = run(Map.of(), "send", "--version");
    assertEquals(0, run.code());
    assertTrue(run.out().matches("alertmail \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), run.out());
  }
}

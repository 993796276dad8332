package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A wrong logback.xml is reported through status, naming the property; the application runs on. */
class AlertMailAppenderConfigTest {

  private static LogbackFixture configure(String elements) {
    return LogbackFixture.configure(
        """
        <configuration>
          <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
            %s
          </appender>
          <root level="INFO"><appender-ref ref="ALERT"/></root>
        </configuration>
        """
            .formatted(elements),
        Map.of());
  }

  private static final String VALID =
      "<smtpHost>127.0.0.1</smtpHost><from>alerts@example.com</from><to>ops@example.com</to>";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing from | <smtpHost>h</smtpHost><to>ops@example.com</to> | <from> is not set",
        "missing to | <smtpHost>h</smtpHost><from>a@example.com</from> | <to> is not set",
        "bad relay in list | <smtpHost>a.example.com, b example.com</smtpHost><from>a@example.com</from><to>o@example.com</to> | <smtpHost> 'b example.com' is not a host name",
        "bad relay port | <smtpHost>a.example.com:99999</smtpHost><from>a@example.com</from><to>o@example.com</to> | <smtpHost> port 99999 is not from 1 to 65535",
        "bad dns server | <dnsServer>10.0.0.2:dns</dnsServer><from>a@example.com</from><to>o@example.com</to> | <dnsServer> 'dns' is not a port number",
        "missing trust store | <smtpHost>h</smtpHost><trustStore>/nonexistent/ca.p12</trustStore><from>a@example.com</from><to>o@example.com</to> | <trustStore> '/nonexistent/ca.p12' is not a readable file",
        "trust store password alone | <smtpHost>h</smtpHost><trustStorePassword>x</trustStorePassword><from>a@example.com</from><to>o@example.com</to> | <trustStorePassword> is set but <trustStore> is not",
        "from without domain | <smtpHost>h</smtpHost><from>alerts</from><to>ops@example.com</to> | <from>",
        "bad second to | <smtpHost>h</smtpHost><from>a@example.com</from><to>ops@example.com, oncall</to> | <to>",
        "bad cc | <smtpHost>h</smtpHost><from>a@example.com</from><to>ops@example.com</to><cc>x@</cc> | <cc>",
        "bad bcc | <smtpHost>h</smtpHost><from>a@example.com</from><to>ops@example.com</to><bcc>@x.com</bcc> | <bcc>",
        "port too big | <smtpHost>h</smtpHost><smtpPort>70000</smtpPort><from>a@example.com</from><to>o@example.com</to> | <smtpPort> 70000",
        "port zero | <smtpHost>h</smtpHost><smtpPort>0</smtpPort><from>a@example.com</from><to>o@example.com</to> | <smtpPort> 0",
        "unknown tls | <smtpHost>h</smtpHost><tls>SSL</tls><from>a@example.com</from><to>o@example.com</to> | <tls> 'SSL' is not one of NONE, OPPORTUNISTIC, STARTTLS, IMPLICIT",
        "unknown format | <smtpHost>h</smtpHost><format>PDF</format><from>a@example.com</from><to>o@example.com</to> | <format> 'PDF' is not one of HTML, TEXT, BOTH",
        "unknown auth | <smtpHost>h</smtpHost><username>u</username><password>p</password><authMechanism>CRAM-MD5</authMechanism><from>a@example.com</from><to>o@example.com</to> | <authMechanism> 'CRAM-MD5'",
        "unknown level | <smtpHost>h</smtpHost><triggerLevel>FATAL</triggerLevel><from>a@example.com</from><to>o@example.com</to> | <triggerLevel> 'FATAL' is not a level",
        "user without password | <smtpHost>h</smtpHost><username>u</username><from>a@example.com</from><to>o@example.com</to> | <username> is set but <password> is not",
        "password without user | <smtpHost>h</smtpHost><password>p</password><from>a@example.com</from><to>o@example.com</to> | <password> is set but <username> is not",
        "negative buffer | <smtpHost>h</smtpHost><bufferSize>-1</bufferSize><from>a@example.com</from><to>o@example.com</to> | <bufferSize> -1",
        "zero mails | <smtpHost>h</smtpHost><maxMails>0</maxMails><from>a@example.com</from><to>o@example.com</to> | <maxMails> 0 is out of range",
        "zero queue | <smtpHost>h</smtpHost><queueSize>0</queueSize><from>a@example.com</from><to>o@example.com</to> | <queueSize> 0",
        "host with space | <smtpHost>smtp example.com</smtpHost><from>a@example.com</from><to>o@example.com</to> | <smtpHost> 'smtp example.com' is not a host name",
        "two token sources | <smtpHost>h</smtpHost><username>u@example.com</username><oauthTokenCommand>gcloud auth print-access-token</oauthTokenCommand><oauthTokenUrl>https://login.example.com/token</oauthTokenUrl><oauthClientId>id</oauthClientId><oauthClientSecret>x</oauthClientSecret><from>a@example.com</from><to>o@example.com</to> | <oauthTokenCommand> and <oauthTokenUrl> are both set: choose one token source",
        "plain http token url | <smtpHost>h</smtpHost><username>u@example.com</username><oauthTokenUrl>http://login.example.com/token</oauthTokenUrl><oauthClientId>id</oauthClientId><oauthClientSecret>x</oauthClientSecret><from>a@example.com</from><to>o@example.com</to> | <oauthTokenUrl> must be https://",
        "token url without client | <smtpHost>h</smtpHost><username>u@example.com</username><oauthTokenUrl>https://login.example.com/token</oauthTokenUrl><oauthClientSecret>x</oauthClientSecret><from>a@example.com</from><to>o@example.com</to> | <oauthTokenUrl> needs <oauthClientId>",
        "token and password | <smtpHost>h</smtpHost><username>u@example.com</username><password>p</password><oauthTokenCommand>gcloud auth print-access-token</oauthTokenCommand><from>a@example.com</from><to>o@example.com</to> | <password> and an OAuth token source are both set",
        "xoauth2 without source | <smtpHost>h</smtpHost><username>u@example.com</username><authMechanism>XOAUTH2</authMechanism><from>a@example.com</from><to>o@example.com</to> | <authMechanism>XOAUTH2</authMechanism> needs a token source",
        "token without user | <smtpHost>h</smtpHost><oauthTokenCommand>gcloud auth print-access-token</oauthTokenCommand><from>a@example.com</from><to>o@example.com</to> | an OAuth token source is set but <username> is not",
        "rate period of 300 years | <smtpHost>h</smtpHost><ratePeriod>109500 days</ratePeriod><from>a@example.com</from><to>o@example.com</to> | <ratePeriod> may be at most 30 days",
        "dedup window beyond a long | <smtpHost>h</smtpHost><dedupWindow>PT9999999999H</dedupWindow><from>a@example.com</from><to>o@example.com</to> | <dedupWindow> may be at most 30 days",
        "read timeout of a year | <smtpHost>h</smtpHost><readTimeout>365 days</readTimeout><from>a@example.com</from><to>o@example.com</to> | <readTimeout> may be at most 1 hour",
        "connect timeout of a day | <smtpHost>h</smtpHost><connectTimeout>1 day</connectTimeout><from>a@example.com</from><to>o@example.com</to> | <connectTimeout> may be at most 1 hour",
        "shutdown timeout of two hours | <smtpHost>h</smtpHost><shutdownTimeout>2 hours</shutdownTimeout><from>a@example.com</from><to>o@example.com</to> | <shutdownTimeout> may be at most 1 hour",
        "group wait of a week | <smtpHost>h</smtpHost><groupWait>7 days</groupWait><from>a@example.com</from><to>o@example.com</to> | <groupWait> may be at most 1 day",
        "ten million mails | <smtpHost>h</smtpHost><maxMails>10000000</maxMails><from>a@example.com</from><to>o@example.com</to> | <maxMails> 10000000 is out of range: write a number from 1 to 1000000",
        "queue beyond a million | <smtpHost>h</smtpHost><queueSize>2000000000</queueSize><from>a@example.com</from><to>o@example.com</to> | <queueSize> 2000000000 is out of range",
        "mail size in words | <smtpHost>h</smtpHost><maxMailSize>big</maxMailSize><from>a@example.com</from><to>o@example.com</to> | <maxMailSize> 'big' is not a size from 16 KB to 64 MB",
        "mail size too small | <smtpHost>h</smtpHost><maxMailSize>1 KB</maxMailSize><from>a@example.com</from><to>o@example.com</to> | <maxMailSize> '1 KB' is not a size",
        "mail size too large | <smtpHost>h</smtpHost><maxMailSize>1 GB</maxMailSize><from>a@example.com</from><to>o@example.com</to> | <maxMailSize> '1 GB' is not a size",
        "alertmanager url not http | <alertmanagerUrl>am-0:9093</alertmanagerUrl> | <alertmanagerUrl> 'am-0:9093' is not an Alertmanager URL",
        "alertmanager url with a query | <alertmanagerUrl>http://am-0:9093/?x=1</alertmanagerUrl> | <alertmanagerUrl> 'http://am-0:9093/?x=1' is not an Alertmanager URL",
        "label name with a dash | <alertmanagerUrl>http://am-0:9093</alertmanagerUrl><alertmanagerLabels>env=prod, team-name=pay</alertmanagerLabels> | <alertmanagerLabels> 'team-name=pay' is not name=value",
        "label without value | <alertmanagerUrl>http://am-0:9093</alertmanagerUrl><alertmanagerLabels>env=</alertmanagerLabels> | <alertmanagerLabels> 'env=' is not name=value",
        "generator url relative | <alertmanagerUrl>http://am-0:9093</alertmanagerUrl><generatorUrl>logs/{fingerprint}</generatorUrl> | <generatorUrl> 'logs/{fingerprint}' is not an absolute URL",
        "alertmanager user alone | <alertmanagerUrl>https://am-0:9093</alertmanagerUrl><alertmanagerUsername>u</alertmanagerUsername> | <alertmanagerUsername> is set but <alertmanagerPassword> is not",
        "alertmanager token file missing | <alertmanagerUrl>https://am-0:9093</alertmanagerUrl><alertmanagerTokenFile>/nonexistent/token</alertmanagerTokenFile> | <alertmanagerTokenFile> '/nonexistent/token' is not a readable file",
        "alertmanager password in clear text | <alertmanagerUrl>http://am-0.example.com:9093</alertmanagerUrl><alertmanagerUsername>u</alertmanagerUsername><alertmanagerPassword>p</alertmanagerPassword> | <alertmanagerUrl> http://am-0.example.com:9093/ is plain http, and the Alertmanager credentials would travel in clear text",
        "alertmanager settings without url | <smtpHost>h</smtpHost><resolveAfter>10 minutes</resolveAfter><from>a@example.com</from><to>o@example.com</to> | <resolveAfter> is set but <alertmanagerUrl> is not",
        "refresh of a day | <alertmanagerUrl>http://am-0:9093</alertmanagerUrl><alertmanagerRefresh>1 day</alertmanagerRefresh> | <alertmanagerRefresh> may be at most 1 hour",
        "fallback mail half set | <alertmanagerUrl>http://am-0:9093</alertmanagerUrl><from>a@example.com</from> | <to> is not set",
        "a static fingerprint label | <alertmanagerUrl>http://am-0:9093</alertmanagerUrl><alertmanagerLabels>fingerprint=x</alertmanagerLabels> | <alertmanagerLabels> may not set fingerprint",
        "refresh every millisecond | <alertmanagerUrl>http://am-0:9093</alertmanagerUrl><alertmanagerRefresh>1 millisecond</alertmanagerRefresh> | <alertmanagerRefresh> must be at least 1 second",
      })
  void reportsTheBadPropertyAndStaysStopped(String label, String elements, String expected) {
    try (LogbackFixture logback = configure(elements)) {
      List<String> errors = logback.statusMessages(Status.WARN);
      assertTrue(
          errors.stream().anyMatch(e -> e.contains(expected)),
          "expected an error containing '" + expected + "' in:\n" + logback.statusText());
      assertTrue(errors.stream().anyMatch(e -> e.contains("not started")), logback.statusText());
      assertFalse(logback.appender("ALERT").isStarted());
      assertDoesNotThrow(
          () -> logback.context.getLogger("app").error("the application keeps running"));
    }
  }

  @Test
  void lineBreakInAnAddressIsRejected() {
    try (LogbackFixture logback =
        configure(
            "<smtpHost>h</smtpHost><from>a@example.com</from><to>ops@example.com&#13;&#10;RCPT TO:&lt;x@evil.test&gt;</to>")) {
      assertTrue(
          logback.statusMessages(Status.WARN).stream().anyMatch(e -> e.contains("<to>")),
          logback.statusText());
      assertFalse(logback.appender("ALERT").isStarted());
    }
  }

  @Test
  void reportsEveryProblemAtOnce() {
    try (LogbackFixture logback = configure("<tls>SSL</tls><format>PDF</format>")) {
      String errors = String.join("\n", logback.statusMessages(Status.WARN));
      for (String property : List.of("<from>", "<to>", "<tls>", "<format>")) {
        assertTrue(errors.contains(property), property + " missing in:\n" + errors);
      }
    }
  }

  @Test
  void aSecretInABadValueIsNeverEchoed() {
    try (LogbackFixture logback =
        configure(VALID + "<username>ops</username><password>hunter2&#10;x</password>")) {
      assertFalse(logback.appender("ALERT").isStarted());
      assertFalse(logback.statusText().contains("hunter2"), logback.statusText());
    }
  }

  @Test
  void aWrongTrustStorePasswordIsReportedWithoutEchoingIt() throws Exception {
    String store = Path.of("src/test/resources/tls/ca.p12").toAbsolutePath().toString();
    try (LogbackFixture logback =
        configure(
            VALID
                + "<trustStore>"
                + store
                + "</trustStore><trustStorePassword>s3cret-wrong</trustStorePassword>")) {
      assertFalse(logback.appender("ALERT").isStarted());
      String errors = String.join("\n", logback.statusMessages(Status.WARN));
      assertTrue(errors.contains("<trustStorePassword> does not open <trustStore>"), errors);
      assertFalse(logback.statusText().contains("s3cret-wrong"), logback.statusText());
    }
  }

  @Test
  void aTrustStoreWithoutItsPasswordIsReportedNotFailedAtEachHandshake() {
    String store = Path.of("src/test/resources/tls/ca.p12").toAbsolutePath().toString();
    try (LogbackFixture logback =
        configure(VALID + "<tls>STARTTLS</tls><trustStore>" + store + "</trustStore>")) {
      assertFalse(logback.appender("ALERT").isStarted());
      String errors = String.join("\n", logback.statusMessages(Status.WARN));
      assertTrue(
          errors.contains("shows no certificates without its password")
              && errors.contains("write <trustStorePassword>"),
          errors);
    }
  }

  @Test
  void aReadableTrustStoreWithItsPasswordStarts() {
    String store = Path.of("src/test/resources/tls/ca.p12").toAbsolutePath().toString();
    try (LogbackFixture logback =
        configure(
            VALID
                + "<tls>STARTTLS</tls><trustStore>"
                + store
                + "</trustStore><trustStorePassword>changeit</trustStorePassword>")) {
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());
    }
  }

  @Test
  void withoutSmtpHostTheAppenderStartsForMxRouting() {
    try (LogbackFixture logback =
        configure("<from>alerts@example.com</from><to>ops@example.com</to>")) {
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());
      assertTrue(logback.statusText().contains("MX routing"), logback.statusText());
    }
  }

  @Test
  void aValidConfigurationStarts() {
    try (LogbackFixture logback = configure(VALID)) {
      assertTrue(logback.appender("ALERT").isStarted(), logback.statusText());
      assertTrue(logback.statusMessages(Status.WARN).isEmpty(), logback.statusText());
    }
  }

  @Test
  void anUndefinedVariableIsAnErrorNamingTheElementAndTheVariable() {
    try (LogbackFixture logback =
        configure(
            "<smtpHost>${SMTP_HOST}</smtpHost><username>${SMTP_USER:-alerts}</username>"
                + "<password>${ALERTMAIL_TEST_UNDEFINED_PASSWORD}</password>"
                + "<from>alerts@example.com</from><to>ops@example.com</to>")) {
      assertFalse(logback.appender("ALERT").isStarted());
      String errors = String.join("\n", logback.statusMessages(Status.WARN));
      assertTrue(
          errors.contains(
              "<smtpHost> uses ${SMTP_HOST}, which is not defined: set it in the environment or"
                  + " as a <property> in logback.xml."),
          errors);
      assertTrue(
          errors.contains("<password> uses ${ALERTMAIL_TEST_UNDEFINED_PASSWORD}, which is not"),
          errors);
      assertFalse(errors.contains("<username>"), "a default makes it defined: " + errors);
      // (Logback's own INFO line "value ... substituted for ..." is Logback's, not ours)
      assertFalse(
          errors.contains("ALERTMAIL_TEST_UNDEFINED_PASSWORD_IS_UNDEFINED"),
          "the substituted value is never shown: " + errors);
    }
  }

  @Test
  void anOAuthClientSecretIsNeverEchoed() {
    try (LogbackFixture logback =
        configure(
            VALID
                + "<username>u@example.com</username><oauthTokenUrl>http://login.example.com/t"
                + "</oauthTokenUrl><oauthClientId>id</oauthClientId>"
                + "<oauthClientSecret>Zq8~very-secret</oauthClientSecret>")) {
      assertFalse(logback.appender("ALERT").isStarted());
      String errors = String.join("\n", logback.statusMessages(Status.WARN));
      assertFalse(errors.contains("Zq8~very-secret"), errors);
    }
  }

  /**
   * Spring Boot refuses to start when Logback reports any ERROR status: an undefined alerting
   * secret once stopped the application. Misconfiguration is a warning, and the application runs.
   */
  @Test
  void aMisconfigurationIsAWarningNeverAnErrorThatStopsSpringBoot() {
    try (LogbackFixture logback =
        configure(VALID + "<username>alerts</username><password>${SMTP_PASSWORD}</password>")) {
      assertTrue(logback.statusMessages(Status.ERROR).isEmpty(), logback.statusText());
      assertTrue(
          logback.statusMessages(Status.WARN).stream()
              .anyMatch(w -> w.contains("${SMTP_PASSWORD}, which is not defined")),
          logback.statusText());
      assertFalse(logback.appender("ALERT").isStarted());
    }
  }
}

package dev.alertmail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.util.Duration;
import dev.alertmail.alert.FloodPolicy;
import dev.alertmail.delivery.SenderConfig;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.mail.MailFormat;
import dev.alertmail.smtp.AuthMechanism;
import dev.alertmail.smtp.HostPort;
import dev.alertmail.smtp.TlsMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * The values written in logback.xml, as written, and their validation.
 *
 * <p>Kept apart from the appender so that every check names the element the user wrote and what to
 * write instead; {@link #validate} reports all problems at once rather than the first.
 */
final class AppenderSettings {

  static final String DEFAULT_SUBJECT = "[%contextName] %level %logger{20}: %message";
  static final int MAX_BUFFER_SIZE = 10_000;

  String smtpHost;
  String dnsServer;
  String trustStore;
  String trustStorePassword;
  int smtpPort = -1;
  String tls = TlsMode.OPPORTUNISTIC.name();
  String username;
  String password;
  String authMechanism;
  String localhost;
  Duration connectTimeout = Duration.buildBySeconds(10);
  Duration readTimeout = Duration.buildBySeconds(60);
  String from;
  final List<String> to = new ArrayList<>();
  final List<String> cc = new ArrayList<>();
  final List<String> bcc = new ArrayList<>();
  String subject = DEFAULT_SUBJECT;
  String format = MailFormat.BOTH.name();
  String triggerLevel;
  int bufferSize = 32;
  int queueSize = 1024;
  Duration shutdownTimeout = Duration.buildBySeconds(10);
  Duration groupWait = Duration.buildBySeconds(10);
  int maxMails = 12;
  Duration ratePeriod = Duration.buildByHours(1);
  Duration dedupWindow = Duration.buildByHours(1);
  boolean transcript;

  /** The elements written as text, by name, for the check of undefined variables. */
  private java.util.Map<String, String> textValues() {
    var values = UndefinedVariables.ordered();
    values.put("smtpHost", smtpHost);
    values.put("tls", tls);
    values.put("trustStore", trustStore);
    values.put("trustStorePassword", trustStorePassword);
    values.put("dnsServer", dnsServer);
    values.put("username", username);
    values.put("password", password);
    values.put("authMechanism", authMechanism);
    values.put("localhost", localhost);
    values.put("from", from);
    values.put("to", String.join(",", to));
    values.put("cc", String.join(",", cc));
    values.put("bcc", String.join(",", bcc));
    values.put("subject", subject);
    values.put("format", format);
    values.put("triggerLevel", triggerLevel);
    return values;
  }

  /** The level that triggers an alert, or null when {@link #triggerLevel} is not a level. */
  Level parsedTriggerLevel() {
    return triggerLevel == null ? Level.ERROR : Level.toLevel(triggerLevel.trim(), null);
  }

  /** Returns the sender configuration, or null after adding each problem to {@code problems}. */
  SenderConfig validate(String name, String application, List<String> problems) {
    List<String> undefined =
        UndefinedVariables.problems(
            textValues(), "set it in the environment or as a <property> in logback.xml.");
    if (!undefined.isEmpty()) {
      // the other checks would only repeat these in other words, or quote a password's text
      problems.addAll(undefined);
      return null;
    }
    MailAddress fromAddress = null;
    if (isBlank(from)) {
      problems.add("<from> is not set: write <from>alerts@example.com</from>.");
    } else {
      fromAddress = address("from", from, problems);
    }
    List<MailAddress> toAddresses = addresses("to", to, problems);
    if (toAddresses.isEmpty() && !hasAnyValue(to)) {
      problems.add(
          "<to> is not set: write <to>ops@example.com</to> (repeatable, or a comma list).");
    }
    List<MailAddress> ccAddresses = addresses("cc", cc, problems);
    List<MailAddress> bccAddresses = addresses("bcc", bcc, problems);

    TlsMode tlsMode = choice("tls", tls, TlsMode.class, problems);
    int port = smtpPort;
    if (port == -1) {
      port = tlsMode == TlsMode.IMPLICIT ? 465 : 25;
    } else if (port < 1 || port > 65_535) {
      problems.add(
          "<smtpPort> "
              + port
              + " is not a port: write a number from 1 to 65535, e.g. <smtpPort>587</smtpPort>.");
      port = 25;
    }
    List<HostPort> relays = relays(port, problems);
    HostPort dns = dnsServer(problems);
    SSLContext sslContext = TrustStores.context(trustStore, trustStorePassword, problems);
    MailFormat mailFormat = choice("format", format, MailFormat.class, problems);
    AuthMechanism mechanism =
        isBlank(authMechanism)
            ? null
            : choice("authMechanism", authMechanism, AuthMechanism.class, problems);
    checkCredentials(tlsMode, problems);
    if (localhost != null
        && !isHostName(localhost.trim())
        && !localhost.trim().matches("\\[[0-9A-Fa-f:.Iv]+\\]")) {
      problems.add(
          "<localhost> '"
              + printable(localhost)
              + "' is not a host name or address literal: write e.g. <localhost>app1.example.com</localhost>.");
    }
    positive("connectTimeout", connectTimeout, problems);
    positive("readTimeout", readTimeout, problems);
    positive("shutdownTimeout", shutdownTimeout, problems);
    if (parsedTriggerLevel() == null) {
      problems.add(
          "<triggerLevel> '"
              + printable(triggerLevel)
              + "' is not a level: write TRACE, DEBUG, INFO, WARN or ERROR.");
    }
    if (bufferSize < 0 || bufferSize > MAX_BUFFER_SIZE) {
      problems.add(
          "<bufferSize> "
              + bufferSize
              + " is out of range: write a number from 0 to "
              + MAX_BUFFER_SIZE
              + " (default 32).");
    }
    if (queueSize < 1) {
      problems.add(
          "<queueSize> "
              + queueSize
              + " is out of range: write a number of at least 1 (default 1024).");
    }
    if (isBlank(subject)) {
      problems.add(
          "<subject> is empty: leave it out for the default, or write e.g. <subject>"
              + DEFAULT_SUBJECT
              + "</subject>.");
    }
    FloodPolicy flood = floodPolicy(problems);
    if (!problems.isEmpty()) {
      return null;
    }
    return new SenderConfig(
        name,
        application,
        ZoneId.systemDefault(),
        fromAddress,
        toAddresses,
        ccAddresses,
        bccAddresses,
        mailFormat,
        relays,
        port,
        dns,
        sslContext,
        tlsMode,
        isBlank(username) ? null : username,
        isBlank(password) ? null : password,
        mechanism,
        localhost == null ? null : localhost.trim(),
        java.time.Duration.ofMillis(connectTimeout.getMilliseconds()),
        java.time.Duration.ofMillis(readTimeout.getMilliseconds()),
        queueSize,
        transcript,
        flood);
  }

  private FloodPolicy floodPolicy(List<String> problems) {
    if (groupWait == null || groupWait.getMilliseconds() < 0) {
      problems.add(
          "<groupWait> must be a duration of zero or more: write e.g. <groupWait>10 seconds</groupWait>.");
    }
    if (maxMails < 1) {
      problems.add(
          "<maxMails> "
              + maxMails
              + " is out of range: write a number of at least 1 (default 12 per <ratePeriod>).");
    }
    positive("ratePeriod", ratePeriod, problems);
    if (dedupWindow == null || dedupWindow.getMilliseconds() < 0) {
      problems.add(
          "<dedupWindow> must be a duration of zero or more (0 turns deduplication off): write"
              + " e.g. <dedupWindow>1 hour</dedupWindow>.");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new FloodPolicy(
        java.time.Duration.ofMillis(groupWait.getMilliseconds()),
        maxMails,
        java.time.Duration.ofMillis(ratePeriod.getMilliseconds()),
        java.time.Duration.ofMillis(dedupWindow.getMilliseconds()));
  }

  /** The relays in failover order, or none for MX routing when {@code smtpHost} is absent. */
  private List<HostPort> relays(int port, List<String> problems) {
    if (isBlank(smtpHost)) {
      return List.of();
    }
    try {
      return HostPort.parseList(smtpHost, port);
    } catch (IllegalArgumentException e) {
      problems.add(
          "<smtpHost> "
              + e.getMessage()
              + ": write host names in failover order, each with an optional port, e.g."
              + " <smtpHost>smtp1.example.com, smtp2.example.com:2525</smtpHost>, or leave it out"
              + " to deliver to each recipient domain's MX hosts.");
      return List.of();
    }
  }

  private HostPort dnsServer(List<String> problems) {
    if (isBlank(dnsServer)) {
      return null;
    }
    try {
      return HostPort.parse(dnsServer, 53);
    } catch (IllegalArgumentException e) {
      problems.add(
          "<dnsServer> "
              + e.getMessage()
              + ": write an address with an optional port, e.g. <dnsServer>10.0.0.2:53</dnsServer>.");
      return null;
    }
  }

  private void checkCredentials(TlsMode tlsMode, List<String> problems) {
    boolean hasUser = !isBlank(username);
    boolean hasPassword = !isBlank(password);
    if (hasUser && !hasPassword) {
      problems.add(
          "<username> is set but <password> is not: write <password>${SMTP_PASSWORD}</password>, or remove <username> to send without AUTH.");
    } else if (hasPassword && !hasUser) {
      problems.add(
          "<password> is set but <username> is not: write <username>${SMTP_USER}</username>.");
    }
    if (hasUser && (containsLineBreak(username) || containsLineBreak(password))) {
      // the value itself is never echoed: it may be a secret
      problems.add(
          "<username> or <password> contains a line break, which SMTP cannot carry: check the value or the variable it comes from.");
    }
    if (!isBlank(authMechanism) && !hasUser) {
      problems.add(
          "<authMechanism> is set but <username> is not: AUTH is used only with <username> and <password>.");
    }
  }

  private static MailAddress address(String property, String value, List<String> problems) {
    try {
      return MailAddress.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(
          "<"
              + property
              + "> "
              + e.getMessage()
              + ": write e.g. <"
              + property
              + ">ops@example.com</"
              + property
              + ">.");
      return null;
    }
  }

  private static List<MailAddress> addresses(
      String property, List<String> values, List<String> problems) {
    List<MailAddress> result = new ArrayList<>();
    for (String value : values) {
      if (value == null) {
        continue;
      }
      for (String part : value.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        MailAddress parsed = address(property, part, problems);
        if (parsed != null && !result.contains(parsed)) {
          result.add(parsed);
        }
      }
    }
    return result;
  }

  private static <E extends Enum<E>> E choice(
      String property, String value, Class<E> type, List<String> problems) {
    String wanted = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    String names =
        String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    problems.add(
        "<"
            + property
            + "> '"
            + printable(value)
            + "' is not one of "
            + names
            + ": write e.g. <"
            + property
            + ">"
            + type.getEnumConstants()[0].name()
            + "</"
            + property
            + ">.");
    return null;
  }

  private static void positive(String property, Duration value, List<String> problems) {
    if (value == null || value.getMilliseconds() <= 0) {
      problems.add(
          "<"
              + property
              + "> must be a positive duration: write e.g. <"
              + property
              + ">10 seconds</"
              + property
              + ">.");
    }
  }

  private static boolean hasAnyValue(List<String> values) {
    return values.stream()
        .anyMatch(v -> v != null && !v.isBlank() && !v.replace(",", "").isBlank());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static boolean containsLineBreak(String value) {
    return value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0);
  }

  /** Host names, IPv4 and bracket-less IPv6 literals; nothing that could smuggle a command. */
  static boolean isHostName(String value) {
    return value.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?")
        || value.matches("[0-9A-Fa-f:.]+");
  }

  /** A configuration value made safe to quote in a status message. */
  private static String printable(String value) {
    if (value == null) {
      return "";
    }
    return value.replaceAll("\\p{Cntrl}", "?");
  }
}

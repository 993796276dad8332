package dev.alertmail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What {@code alertmail --help}, {@code alertmail COMMAND --help} and {@code --version} print. */
final class Help {

  private Help() {}

  static final String USAGE =
      """
      usage: alertmail send --to A[,B] [--cc C] [--bcc D] [--subject S] [--html] [--body-file F]
             alertmail zabbix TO SUBJECT MESSAGE
             alertmail check [--logback logback.xml [--appender NAME] [--profile P]] [--send-test]
             alertmail check --log4j2 log4j2.xml [--appender NAME] [--send-test]
             alertmail dkim-key --domain D --selector S --out FILE [--type rsa|ed25519]
             alertmail COMMAND --help      every flag and environment variable of a command
             alertmail --version""";

  static String forCommand(String command) {
    return switch (command) {
      case "send" ->
          """
          usage: alertmail send --to A[,B] [--cc C] [--bcc D] [--subject S] [--html] [--body-file F]
          Sends one mail; the body is read from stdin unless --body-file is given. With
          --alertmanager-url, posts one alert to every replica instead (firing until
          resolveAfter; the subject is its summary, the body its description), and mails it
          only when no replica takes it and --from is set.
            --subject S        the subject (default: Message from alertmail)
            --html             the body is HTML
            --body-file F      read the body from F instead of stdin
          """
              + SETTINGS;
      case "zabbix" ->
          """
          usage: alertmail zabbix TO SUBJECT MESSAGE
          Sends one mail with the three values a Zabbix media type passes as script parameters:
          {ALERT.SENDTO} {ALERT.SUBJECT} {ALERT.MESSAGE}. Settings as for send, from --config
          (a script parameter): Zabbix passes no environment to alert scripts. With
          alertmanagerUrl set, posts the alert to Alertmanager as send does.
          """
              + SETTINGS;
      case "check" ->
          """
          usage: alertmail check [--logback FILE [--appender NAME] [--profile P]] [--send-test]
                 alertmail check --log4j2 FILE [--appender NAME] [--send-test]
          Walks the way to the mail server and sends nothing: the route (relays or MX), DNS,
          connect, greeting, EHLO, STARTTLS with the certificate, AUTH, then MAIL FROM and RCPT TO
          for every recipient (answered with RSET, no DATA). --send-test then sends a test mail.
          With dkimDomain, dkimSelector and dkimKey, first checks that the key can sign, that the
          TXT record at selector._domainkey.domain holds its public key, and that the domain
          aligns with --from for DMARC.
          With --alertmanager-url, asks each replica for its status (version, cluster, peers)
          first, and checks mail only when mail settings are there.
            --logback FILE     read the settings of the AlertMail appender in a logback.xml or
                               logback-spring.xml (${VAR} from <property>, system properties and
                               the environment; <springProperty> from system properties and the
                               environment); without it, settings as for send
            --log4j2 FILE      read the settings of the <AlertMail> appender in a log4j2.xml
                               (${env:VAR}, ${sys:VAR} and <Properties> resolved)
            --appender NAME    which AlertMail appender, when the file has several
            --profile P        the Spring profiles whose <springProfile> sections apply (a comma
                               list); without it, only sections for "default" apply
            --send-test        after the checks pass, send a test mail
          """
              + SETTINGS;
      case "dkim-key" ->
          """
          usage: alertmail dkim-key --domain D --selector S --out FILE [--type rsa|ed25519]
          Makes a DKIM signing key (RSA of 2048 bits by default, or Ed25519) in FILE, readable by
          its owner only (an existing file is never overwritten), and prints the TXT record to
          publish at S._domainkey.D and the settings that sign with it (dkimDomain, dkimSelector,
          dkimKey). alertmail check then verifies the published record against the key.
          """;
      default -> USAGE;
    };
  }

  private static final String SETTINGS = settings();

  private static String settings() {
    StringBuilder text =
        new StringBuilder(
            """
            Settings (each overrides the one before): --config FILE, a properties file with the
            names below; the environment; the flags. Passwords never come from a flag.
            """);
    for (String name : Settings.NAMES) {
      boolean secret = Arguments.SECRETS.contains(Settings.flagName(name));
      text.append(
          String.format(
              "  %-28s %-34s %s%n",
              secret ? "(no flag)" : "--" + Settings.flagName(name) + " V",
              Settings.envName(name),
              name + "="));
    }
    text.append(
        """
          --verbose                    the SMTP dialogue on stderr, credentials masked
          --help, --version
        bin/alertmail reads JAVA (or JAVA_HOME) for the Java to run, ALERTMAIL_JAVA_OPTS for
        options of its own, and ALERTMAIL_CDS=off to leave out its start-up archive and quick
        JIT tier.
        Exit codes: 0 delivered/checked, 64 usage, 67 address or recipients refused, 68 unknown
        host, 69 refused for good, 75 temporary failure (retry), 77 credentials refused,
        78 configuration.""");
    return text.toString();
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = Help.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // the version is a courtesy; the command works without it
    }
    return "alertmail " + properties.getProperty("version", "(unknown version)");
  }
}

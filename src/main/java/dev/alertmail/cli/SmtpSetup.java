package dev.alertmail.cli;

import dev.alertmail.config.AlertMailSettings;
import dev.alertmail.config.OAuthChecks;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.oauth.TokenCache;
import dev.alertmail.smtp.AuthMechanism;
import dev.alertmail.smtp.Durations;
import dev.alertmail.smtp.HostPort;
import dev.alertmail.smtp.MxResolver;
import dev.alertmail.smtp.SmtpSettings;
import dev.alertmail.smtp.SmtpTransport;
import dev.alertmail.smtp.TlsMode;
import dev.alertmail.smtp.Transcript;
import dev.alertmail.smtp.TrustStores;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;

/**
 * The settings checked and turned into what the SMTP client takes: where mail goes (relays or MX
 * routing), how (TLS, AUTH, timeouts) and from whom. Every problem names the setting.
 *
 * @param relays the relays in order; empty for MX routing
 * @param port the port of MX hosts
 * @param dnsServer the DNS server for MX routing, or null
 * @param session how to talk to each server; its host is replaced per server
 * @param from the sender, or null when not set
 */
record SmtpSetup(
    List<HostPort> relays, int port, HostPort dnsServer, SmtpSettings session, MailAddress from) {

  static SmtpSetup of(Settings settings) throws CliFailure {
    TlsMode tls = choice("tls", settings.get("tls"), TlsMode.class, TlsMode.OPPORTUNISTIC);
    int port = tls == TlsMode.IMPLICIT ? 465 : 25;
    if (settings.get("smtpPort") != null) {
      try {
        port = Integer.parseInt(settings.get("smtpPort"));
        new HostPort("localhost", port);
      } catch (IllegalArgumentException e) {
        throw config("<smtpPort> '" + settings.get("smtpPort") + "' is not a port from 1 to 65535");
      }
    }
    List<HostPort> relays = List.of();
    if (settings.get("smtpHost") != null) {
      try {
        relays = HostPort.parseList(settings.get("smtpHost"), port);
      } catch (IllegalArgumentException e) {
        throw config("<smtpHost> " + e.getMessage());
      }
    }
    HostPort dns = null;
    if (settings.get("dnsServer") != null) {
      try {
        dns = HostPort.parse(settings.get("dnsServer"), 53);
      } catch (IllegalArgumentException e) {
        throw config("<dnsServer> " + e.getMessage());
      }
    }
    List<String> problems = new ArrayList<>();
    SSLContext trust =
        TrustStores.context(
            settings.get("trustStore"), settings.get("trustStorePassword"), problems);
    if (!problems.isEmpty()) {
      throw config(problems.get(0));
    }
    String username = settings.get("username");
    String password = settings.get("password");
    AuthMechanism mechanism =
        settings.get("authMechanism") == null
            ? null
            : choice("authMechanism", settings.get("authMechanism"), AuthMechanism.class, null);
    Duration connectTimeout =
        duration("connectTimeout", settings.get("connectTimeout"), Duration.ofSeconds(10));
    Duration readTimeout =
        duration("readTimeout", settings.get("readTimeout"), Duration.ofSeconds(60));
    TokenCache tokens = tokens(settings, mechanism, trust, connectTimeout, readTimeout);
    if (tokens != null) {
      if (username == null || password != null) {
        throw config("an OAuth token source needs <username> (the mailbox) and no <password>");
      }
    } else if ((username == null) != (password == null)) {
      throw config("<username> and <password> go together: set both or neither");
    }
    MailAddress from = null;
    if (settings.get("from") != null) {
      from = address("from", settings.get("from"));
    }
    HostPort first = relays.isEmpty() ? new HostPort("mx", port) : relays.get(0);
    try {
      SmtpSettings session =
          new SmtpSettings(
              first.host(),
              first.port(),
              tls,
              username,
              password,
              mechanism,
              settings.get("localhost") != null ? settings.get("localhost") : ehloName(),
              connectTimeout,
              readTimeout,
              trust,
              tokens);
      return new SmtpSetup(relays, port, dns, session, from);
    } catch (IllegalArgumentException e) {
      throw config(e.getMessage());
    }
  }

  /** {@return where mail goes, in words: the relays, or MX routing} */
  String route() {
    return relays.isEmpty()
        ? "each recipient domain's MX hosts"
        : String.join(", ", relays.stream().map(HostPort::toString).toList());
  }

  private static TokenCache tokens(
      Settings settings,
      AuthMechanism mechanism,
      SSLContext trust,
      Duration connectTimeout,
      Duration readTimeout)
      throws CliFailure {
    AlertMailSettings oauth = new AlertMailSettings();
    for (String name : Settings.NAMES) {
      if (name.startsWith("oauth")) {
        oauth.set(name, settings.get(name));
      }
    }
    List<String> problems = new ArrayList<>();
    TokenCache tokens =
        new OAuthChecks(problems).tokens(oauth, mechanism, trust, connectTimeout, readTimeout);
    if (!problems.isEmpty()) {
      throw config(problems.get(0));
    }
    return tokens;
  }

  /** The transport for these settings: the relays in order, or each domain's MX hosts. */
  SmtpTransport transport(Transcript transcript) {
    return relays.isEmpty()
        ? SmtpTransport.viaMx(mxResolver(), port, session, transcript)
        : SmtpTransport.viaRelays(relays, session, transcript);
  }

  MxResolver mxResolver() {
    return new MxResolver(dnsServer, session.connectTimeout(), new SplittableRandom());
  }

  static MailAddress address(String setting, String value) throws CliFailure {
    try {
      return MailAddress.parse(value.strip());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCode.NO_USER, "<" + setting + "> " + e.getMessage());
    }
  }

  static List<MailAddress> addresses(String setting, String value) throws CliFailure {
    List<MailAddress> result = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          result.add(address(setting, part));
        }
      }
    }
    return result;
  }

  private static String ehloName() {
    try {
      InetAddress local = InetAddress.getLocalHost();
      String name = local.getCanonicalHostName();
      return name.indexOf('.') > 0 && !name.equals(local.getHostAddress())
          ? name
          : "[" + local.getHostAddress() + "]";
    } catch (java.io.IOException e) {
      return "[127.0.0.1]";
    }
  }

  private static Duration duration(String setting, String value, Duration otherwise)
      throws CliFailure {
    if (value == null) {
      return otherwise;
    }
    try {
      Duration duration = dev.alertmail.config.SettingDuration.parse(value);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("not positive");
      }
      if (duration.compareTo(AlertMailSettings.MAX_TIMEOUT) > 0) {
        throw config(
            "<"
                + setting
                + "> may be at most "
                + Durations.words(AlertMailSettings.MAX_TIMEOUT)
                + ", such as '10 seconds'");
      }
      return duration;
    } catch (IllegalArgumentException e) {
      throw config("<" + setting + "> '" + value + "' is not a duration such as '10 seconds'");
    }
  }

  private static <E extends Enum<E>> E choice(
      String setting, String value, Class<E> type, E otherwise) throws CliFailure {
    if (value == null) {
      return otherwise;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name());
      }
      throw config("<" + setting + "> '" + value + "' is not one of " + String.join(", ", names));
    }
  }

  private static CliFailure config(String message) {
    return new CliFailure(ExitCode.CONFIG, message);
  }
}

package dev.alertmail.config;

import dev.alertmail.mail.MailAddress;
import dev.alertmail.smtp.Durations;
import dev.alertmail.smtp.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The checks of single settings: each turns the text into a value or adds a problem that names the
 * setting and says what to write instead, and never quotes a secret.
 */
final class SettingChecks {

  private final List<String> problems;

  SettingChecks(List<String> problems) {
    this.problems = problems;
  }

  MailAddress address(String name, String value) {
    try {
      return MailAddress.parse(value.strip());
    } catch (IllegalArgumentException e) {
      problems.add(
          "<"
              + name
              + "> "
              + e.getMessage()
              + ": write e.g. <"
              + name
              + ">ops@example.com</"
              + name
              + ">.");
      return null;
    }
  }

  List<MailAddress> addresses(String name, String value) {
    List<MailAddress> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        MailAddress parsed = address(name, part);
        if (parsed != null && !result.contains(parsed)) {
          result.add(parsed);
        }
      }
    }
    return result;
  }

  <E extends Enum<E>> E choice(String name, String value, Class<E> type, E otherwise) {
    if (value == null) {
      return otherwise;
    }
    String wanted = value.strip().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    String names =
        String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    problems.add(
        "<"
            + name
            + "> '"
            + printable(value)
            + "' is not one of "
            + names
            + ": write e.g. <"
            + name
            + ">"
            + type.getEnumConstants()[0].name()
            + "</"
            + name
            + ">.");
    return otherwise;
  }

  int port(String value, int otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        "<smtpPort> "
            + printable(value)
            + " is not a port: write a number from 1 to 65535, e.g. <smtpPort>587</smtpPort>.");
    return otherwise;
  }

  /** The relays in failover order, or none for MX routing when {@code smtpHost} is absent. */
  List<HostPort> relays(String value, int port) {
    if (value == null) {
      return List.of();
    }
    try {
      return HostPort.parseList(value, port);
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

  HostPort dnsServer(String value) {
    if (value == null) {
      return null;
    }
    try {
      return HostPort.parse(value, 53);
    } catch (IllegalArgumentException e) {
      problems.add(
          "<dnsServer> "
              + e.getMessage()
              + ": write an address with an optional port, e.g. <dnsServer>10.0.0.2:53</dnsServer>.");
      return null;
    }
  }

  void credentials(String username, String password, String mechanism, boolean tokens) {
    if (tokens && password != null) {
      problems.add(
          "<password> and an OAuth token source are both set: remove <password> to sign in with"
              + " XOAUTH2, or the token source to sign in with the password.");
    } else if (username != null && password == null && !tokens) {
      problems.add(
          "<username> is set but <password> is not: write <password>${SMTP_PASSWORD}</password>,"
              + " or remove <username> to send without AUTH.");
    } else if (password != null && username == null) {
      problems.add(
          "<password> is set but <username> is not: write <username>${SMTP_USER}</username>.");
    }
    if (tokens && username == null) {
      problems.add(
          "an OAuth token source is set but <username> is not: write the mailbox to sign in as,"
              + " e.g. <username>alerts@example.com</username>.");
    }
    if (username != null && (hasLineBreak(username) || hasLineBreak(password))) {
      // the value itself is never echoed: it may be a secret
      problems.add(
          "<username> or <password> contains a line break, which SMTP cannot carry: check the"
              + " value or the variable it comes from.");
    }
    if (mechanism != null && username == null && !tokens) {
      problems.add(
          "<authMechanism> is set but <username> is not: AUTH is used only with <username> and"
              + " <password>.");
    }
  }

  void localhost(String value) {
    if (value != null
        && !isHostName(value.strip())
        && !value.strip().matches("\\[[0-9A-Fa-f:.Iv]+\\]")) {
      problems.add(
          "<localhost> '"
              + printable(value)
              + "' is not a host name or address literal: write e.g."
              + " <localhost>app1.example.com</localhost>.");
    }
  }

  Duration positive(String name, String value, long defaultMillis, Duration max) {
    Duration duration = duration(name, value, defaultMillis);
    if (duration.isZero() || duration.isNegative()) {
      problems.add(
          "<"
              + name
              + "> must be a positive duration: write e.g. <"
              + name
              + ">10 seconds</"
              + name
              + ">.");
    }
    return atMost(name, duration, max, defaultMillis);
  }

  Duration notNegative(String name, String value, long defaultMillis, Duration max) {
    Duration duration = duration(name, value, defaultMillis);
    if (duration.isNegative()) {
      problems.add(
          "<"
              + name
              + "> must be a duration of zero or more: write e.g. <"
              + name
              + ">10 seconds</"
              + name
              + ">.");
    }
    return atMost(name, duration, max, defaultMillis);
  }

  /**
   * A duration beyond its bound would overflow a clock's arithmetic, or wait longer than anyone
   * means to; it is found here rather than at the first alert.
   */
  private Duration atMost(String name, Duration duration, Duration max, long defaultMillis) {
    if (duration.compareTo(max) <= 0) {
      return duration;
    }
    problems.add(
        "<"
            + name
            + "> may be at most "
            + Durations.words(max)
            + ": write e.g. <"
            + name
            + ">"
            + Durations.words(Duration.ofMillis(defaultMillis))
            + "</"
            + name
            + ">.");
    return Duration.ofMillis(defaultMillis);
  }

  private Duration duration(String name, String value, long defaultMillis) {
    if (value == null) {
      return Duration.ofMillis(defaultMillis);
    }
    try {
      return SettingDuration.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(
          "<"
              + name
              + "> '"
              + printable(value)
              + "' is not a duration: write e.g. <"
              + name
              + ">10 seconds</"
              + name
              + "> or <"
              + name
              + ">PT10S</"
              + name
              + ">.");
      return Duration.ofMillis(defaultMillis);
    }
  }

  int number(String name, String value, int otherwise, int min, int max) {
    if (value == null) {
      return otherwise;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        "<"
            + name
            + "> "
            + printable(value)
            + " is out of range: write a number "
            + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max)
            + " (default "
            + otherwise
            + ").");
    return otherwise;
  }

  /** A size in bytes, from {@code min} to {@code max}. */
  long size(String name, String value, long otherwise, long min, long max) {
    if (value == null) {
      return otherwise;
    }
    try {
      long size = SettingSize.parse(value);
      if (size >= min && size <= max) {
        return size;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    problems.add(
        "<"
            + name
            + "> '"
            + printable(value)
            + "' is not a size from "
            + (min >> 10)
            + " KB to "
            + (max >> 20)
            + " MB: write e.g. <"
            + name
            + ">"
            + (otherwise >> 10)
            + " KB</"
            + name
            + ">.");
    return otherwise;
  }

  boolean flag(String name, String value) {
    if (value == null) {
      return false;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      problems.add("<" + name + "> '" + printable(value) + "' is not true or false.");
    }
    return v.equals("true");
  }

  /** The level's name, upper case; null when none was written. */
  String level(String value, List<String> levels) {
    if (value == null) {
      return null;
    }
    String level = value.strip().toUpperCase(Locale.ROOT);
    if (!levels.contains(level)) {
      problems.add(
          "<triggerLevel> '"
              + printable(value)
              + "' is not a level: write "
              + String.join(", ", levels.subList(0, levels.size() - 1))
              + " or "
              + levels.get(levels.size() - 1)
              + ".");
      return null;
    }
    return level;
  }

  /** Host names, IPv4 and bracket-less IPv6 literals; nothing that could smuggle a command. */
  static boolean isHostName(String value) {
    return value.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?")
        || value.matches("[0-9A-Fa-f:.]+");
  }

  private static boolean hasLineBreak(String value) {
    return value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0);
  }

  /** A value made safe to quote in a status message. */
  private static String printable(String value) {
    return value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
  }
}

package dev.alertmail.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A server's host and port, as written in {@code <smtpHost>} or {@code <dnsServer>}.
 *
 * @param host a host name or an IP address (IPv6 without brackets)
 * @param port 1 to 65535
 */
public record HostPort(String host, int port) {

  /** Checks the host's characters and the port's range. */
  public HostPort {
    Objects.requireNonNull(host, "host");
    if (!isHost(host)) {
      throw new IllegalArgumentException("'" + printable(host) + "' is not a host name or address");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not from 1 to 65535");
    }
  }

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
   *
   * @param value the text; surrounding blanks are ignored
   * @param defaultPort the port when the text names none
   * @throws IllegalArgumentException naming what is wrong
   */
  public static HostPort parse(String value, int defaultPort) {
    String text = value.strip();
    String host = text;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + printable(text) + "' lacks a closing ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("'" + printable(text) + "' is not [address]:port");
        }
        port = rest.substring(1);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    }
    int number = defaultPort;
    if (port != null) {
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + printable(port) + "' is not a port number");
      }
    }
    return new HostPort(host, number);
  }

  /**
   * Parses a comma list of {@link #parse(String, int)} values, in order.
   *
   * @throws IllegalArgumentException if the list is empty or an entry is malformed
   */
  public static List<HostPort> parseList(String value, int defaultPort) {
    List<HostPort> result = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        result.add(parse(part, defaultPort));
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException("no host given");
    }
    return List.copyOf(result);
  }

  /** {@return {@code host:port}, with brackets around an IPv6 address} */
  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  /**
   * Host names, IPv4 and IPv6 literals: nothing that could smuggle a command or a URL. Checked by
   * hand rather than by regular expression, which would cost the command line's start a few
   * milliseconds: {@code [A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9])?\.?} or {@code [0-9A-Fa-f:.]*}
   * with at least one colon.
   */
  static boolean isHost(String value) {
    return isHostName(value) || isIpv6Literal(value);
  }

  private static boolean isHostName(String value) {
    int end = value.endsWith(".") ? value.length() - 1 : value.length();
    if (end == 0 || !(isLetterOrDigit(value.charAt(0)) || value.charAt(0) == '_')) {
      return false;
    }
    if (end > 1 && !isLetterOrDigit(value.charAt(end - 1))) {
      return false;
    }
    for (int i = 1; i < end - 1; i++) {
      char c = value.charAt(i);
      if (!(isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6Literal(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (!(hex || c == ':' || c == '.')) {
        return false;
      }
    }
    return value.indexOf(':') >= 0;
  }

  private static boolean isLetterOrDigit(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  private static String printable(String value) {
    return value.replaceAll("\\p{Cntrl}", "?");
  }
}

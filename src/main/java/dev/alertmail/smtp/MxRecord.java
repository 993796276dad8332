package dev.alertmail.smtp;

import java.util.Locale;

/**
 * One MX record: a preference and the exchanger's host name, without the trailing dot.
 *
 * @param preference lower is tried first
 * @param exchange the host name, or {@code "."}'s empty form {@code ""} for a null MX
 */
record MxRecord(int preference, String exchange) {

  /** Parses the provider's text form, {@code "10 mx1.example.com."}. */
  static MxRecord parse(String text) {
    String[] parts = text.strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "'");
    }
    int preference;
    try {
      preference = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "'");
    }
    String host = parts[1].toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!host.isEmpty() && !host.matches("[a-z0-9_]([a-z0-9_.-]*[a-z0-9])?")) {
      throw new IllegalArgumentException("'" + text.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    return new MxRecord(preference, host);
  }

  /** RFC 7505: a single "." exchanger says the domain accepts no mail. */
  boolean isNull() {
    return exchange.isEmpty();
  }
}

package dev.alertmail.mail;

import java.net.IDN;

/**
 * A mailbox address {@code local@domain}, checked so that it can be written into a header and an
 * SMTP command as is.
 *
 * <p>Only the common form is accepted: a dot-atom local part (no quoted strings, no comments) and a
 * host name domain (no address literals). That covers the addresses alerts go to, and keeps every
 * address safe to write without quoting.
 *
 * @param localPart the part before the {@code @}, ASCII only
 * @param domain the domain, in ASCII (international domains in their {@code xn--} form)
 */
public record MailAddress(String localPart, String domain) {

  // RFC 5321 4.5.3.1: local part at most 64 octets, domain at most 255 (253 without the root dot)
  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;
  // RFC 5322 3.2.3 atext, besides letters and digits
  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  /**
   * Checks both parts; use {@link #parse(String)} to read an address a user wrote.
   *
   * @throws IllegalArgumentException if a part is not in the accepted form
   */
  public MailAddress {
    if (localPart == null || domain == null) {
      throw new IllegalArgumentException("an address needs a local part and a domain");
    }
    String address = localPart + "@" + domain;
    checkLocalPart(address, localPart);
    checkDomain(address, domain);
  }

  /**
   * Parses {@code local@domain}, optionally surrounded by spaces.
   *
   * <p>A non-ASCII domain is converted to its ASCII form with {@link java.net.IDN#toASCII}; a
   * non-ASCII local part is rejected because it would need SMTPUTF8, which is not supported.
   *
   * @param text the address as a user wrote it
   * @return the address
   * @throws IllegalArgumentException with a message saying what is wrong with the text
   */
  public static MailAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no address given: expected local@domain");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException(
            "the address '" + printable(text) + "' contains a line break");
      }
      if (Character.isISOControl(c) && c != '\t') {
        throw new IllegalArgumentException(
            "the address '" + printable(text) + "' contains a control character");
      }
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the address is empty: expected local@domain");
    }
    // checked before whitespace: "Ops <ops@example.com>" is a name-and-address, not a typo
    if (trimmed.indexOf('<') >= 0 || trimmed.indexOf('>') >= 0) {
      throw new IllegalArgumentException(
          "the address '"
              + trimmed
              + "' contains < or >: write the bare address local@domain, without a name or"
              + " angle brackets");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      if (Character.isWhitespace(trimmed.charAt(i)) || Character.isSpaceChar(trimmed.charAt(i))) {
        throw new IllegalArgumentException(
            "the address '" + trimmed + "' contains whitespace: write one address local@domain");
      }
    }
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "'" + trimmed + "' is not an address of the form local@domain");
    }
    if (trimmed.indexOf('@') != at) {
      throw new IllegalArgumentException(
          "the address '" + trimmed + "' contains more than one @: write one address local@domain");
    }
    String local = trimmed.substring(0, at);
    String domain = trimmed.substring(at + 1);
    if (!local.chars().allMatch(c -> c < 0x80)) {
      throw new IllegalArgumentException(
          "the address '"
              + trimmed
              + "' has non-ASCII characters before the @; such addresses need SMTPUTF8, which"
              + " AlertMail does not support");
    }
    return new MailAddress(local, toAsciiDomain(trimmed, domain));
  }

  /** Returns {@code local@domain}. */
  @Override
  public String toString() {
    return localPart + "@" + domain;
  }

  private static String toAsciiDomain(String address, String domain) {
    if (domain.chars().allMatch(c -> c < 0x80)) {
      return domain;
    }
    try {
      // IDN refuses labels that are not valid host names; USE_STD3_ASCII_RULES makes it check them
      return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the domain of '" + address + "' is not a valid international domain name", e);
    }
  }

  private static void checkLocalPart(String address, String local) {
    if (local.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + address + "' is not an address of the form local@domain");
    }
    if (local.length() > MAX_LOCAL) {
      throw new IllegalArgumentException(
          "the part before the @ in '" + address + "' is longer than " + MAX_LOCAL + " characters");
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new IllegalArgumentException(
          "the part before the @ in '"
              + address
              + "' must not start or end with a dot or contain two dots in a row");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean ok =
          c < 0x80 && (Character.isLetterOrDigit(c) || c == '.') || ATEXT_SPECIALS.indexOf(c) >= 0;
      if (!ok) {
        throw new IllegalArgumentException(
            "the part before the @ in '"
                + printable(address)
                + "' contains '"
                + printable(String.valueOf(c))
                + "', which is not allowed there (quoted local parts are not supported)");
      }
    }
  }

  private static void checkDomain(String address, String domain) {
    if (domain.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + address + "' is not an address of the form local@domain");
    }
    if (domain.length() > MAX_DOMAIN) {
      throw new IllegalArgumentException(
          "the domain of '" + address + "' is longer than " + MAX_DOMAIN + " characters");
    }
    for (String label : domain.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        throw new IllegalArgumentException(
            "the domain of '"
                + printable(address)
                + "' must be names of 1 to 63 characters separated by single dots");
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        throw new IllegalArgumentException(
            "the domain of '" + address + "' has a name starting or ending with '-'");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
          throw new IllegalArgumentException(
              "the domain of '"
                  + printable(address)
                  + "' contains '"
                  + printable(String.valueOf(label.charAt(i)))
                  + "'; a domain has letters, digits, '-' and dots only");
        }
      }
    }
  }

  /** Shows control characters as \\uXXXX so a message about them stays on one line. */
  private static String printable(String s) {
    var out = new StringBuilder(s.length());
    s.chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }
}

package dev.alertmail.smtp;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope: who the message is from and whom it goes to, independent of its headers (Bcc
 * recipients appear only here).
 *
 * <p>Addresses are plain {@code local@domain} in ASCII (SMTPUTF8 is not supported). They are
 * checked when built: CR, LF, {@code <}, {@code >}, whitespace and control characters are rejected,
 * because each address is written into a command line.
 *
 * @param sender the reverse path for {@code MAIL FROM}
 * @param recipients the forward paths for {@code RCPT TO}, at least one
 */
public record Envelope(String sender, List<String> recipients) {

  /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
  static final int MAX_ADDRESS_LENGTH = 254;

  /**
   * Validates the addresses and takes an unmodifiable copy of the recipients.
   *
   * @throws IllegalArgumentException if an address is malformed or there is no recipient
   */
  public Envelope {
    checkAddress(sender, "sender");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope needs at least one recipient");
    }
    recipients.forEach(r -> checkAddress(r, "recipient"));
  }

  private static void checkAddress(String address, String role) {
    Objects.requireNonNull(address, role);
    if (address.length() > MAX_ADDRESS_LENGTH) {
      throw new IllegalArgumentException(role + " address is longer than 254 characters");
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '<' || c == '>') {
        throw new IllegalArgumentException(
            role
                + " address must be ASCII without whitespace, control characters, '<' or '>': "
                + printable(address));
      }
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw new IllegalArgumentException(
          role + " address must look like local@domain: " + printable(address));
    }
  }

  /** Shows an invalid address in a message without letting it break the message's line. */
  private static String printable(String address) {
    var sb = new StringBuilder();
    address
        .codePoints()
        .limit(MAX_ADDRESS_LENGTH + 1)
        .forEach(
            c -> {
              if (c < ' ' || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.toString();
  }
}

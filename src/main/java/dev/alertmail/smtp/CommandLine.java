package dev.alertmail.smtp;

/**
 * Checks a command line before anything is written (like Netty's {@code
 * SmtpUtils.validateSMTPParameters}): a CR or LF inside an argument would let a value end the
 * command and inject another one.
 */
final class CommandLine {

  /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF. */
  static final int MAX_LENGTH = 512;

  /** RFC 4954 §4: an AUTH command with its initial response may be up to 12288 octets. */
  static final int MAX_AUTH_LENGTH = 12_288;

  private CommandLine() {}

  /**
   * Validates a command line without its CRLF.
   *
   * @throws IllegalArgumentException if it contains CR, LF, NUL or non-ASCII, or is too long; the
   *     message names only {@code what}, since the line may carry credentials
   */
  static String check(String line, String what) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException(what + ": CR or LF in a command argument");
      }
      if (c == 0 || c >= 0x80) {
        throw new IllegalArgumentException(what + ": NUL or non-ASCII in a command argument");
      }
    }
    int max = line.startsWith("AUTH ") ? MAX_AUTH_LENGTH : MAX_LENGTH;
    if (line.length() + 2 > max) {
      throw new IllegalArgumentException(what + ": command line longer than " + max + " octets");
    }
    return line;
  }
}

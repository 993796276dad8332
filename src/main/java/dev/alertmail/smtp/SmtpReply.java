package dev.alertmail.smtp;

import dev.alertmail.text.UntrustedText;
import java.util.List;

/**
 * One server reply: a three-digit code and the text of each of its lines (without the code).
 *
 * @param code the reply code, 100 to 599
 * @param lines the text of each line, without code and separator; at least one, possibly empty
 */
public record SmtpReply(int code, List<String> lines) {

  /** Checks the code range and takes an unmodifiable copy of the lines. */
  public SmtpReply {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("code must be 100 <= code <= 599: " + code);
    }
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
  }

  /** {@return true for 2yz (completion) and 3yz (intermediate) replies} */
  public boolean isPositive() {
    return code < 400;
  }

  /** {@return true for 4yz replies: the same command may succeed later} */
  public boolean isTransientFailure() {
    return code >= 400 && code < 500;
  }

  /** {@return true for 5yz replies: repeating the command will not help} */
  public boolean isPermanentFailure() {
    return code >= 500;
  }

  /** {@return the text of all lines joined with a newline} */
  public String text() {
    return String.join("\n", lines);
  }

  /**
   * {@return the reply on one line, for example {@code "250 ok"}, safe to print: the server's
   * control characters are shown escaped ({@code \x1b}), so they cannot reach a terminal or forge a
   * log line}
   */
  @Override
  public String toString() {
    return code + " " + UntrustedText.visible(String.join(" / ", lines));
  }
}

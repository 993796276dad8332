package dev.alertmail.mail;

/**
 * Builds one header field from words, folding (CRLF SP) before a word that would take the line past
 * 76 characters, the limit RFC 2047 sets for lines with encoded words and under RFC 5322's 78.
 *
 * <p>Callers pass words that are already safe: ASCII without CR, LF or other control characters.
 */
final class HeaderLine {

  static final int MAX_LINE = 76;

  private final StringBuilder out = new StringBuilder(80);
  private int column;
  private boolean empty = true;

  HeaderLine(String name) {
    out.append(name).append(':');
    column = out.length();
  }

  /** A header whose words are separated by single spaces, e.g. an address list. */
  static String of(String name, Iterable<String> words) {
    var line = new HeaderLine(name);
    words.forEach(line::word);
    return line.toString();
  }

  /** A header with a single short value, e.g. {@code MIME-Version: 1.0}. */
  static String of(String name, String value) {
    return new HeaderLine(name).word(value).toString();
  }

  /** Appends a space and the word, or a fold and the word when the line would get too long. */
  HeaderLine word(String word) {
    // the first word stays on the name's line; an empty word is never moved to a new line, which
    // would leave a continuation line of only whitespace (forbidden by RFC 5322 3.2.2)
    boolean fold = !empty && !word.isEmpty() && column + 1 + word.length() > MAX_LINE;
    if (fold) {
      out.append("\r\n ");
      column = 1;
    } else {
      out.append(' ');
      column++;
    }
    out.append(word);
    column += word.length();
    empty = false;
    return this;
  }

  /** How many characters the current line holds. */
  int column() {
    return column;
  }

  /** The header, ending with CRLF. */
  @Override
  public String toString() {
    return out + "\r\n";
  }
}

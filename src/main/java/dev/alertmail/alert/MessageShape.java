package dev.alertmail.alert;

/**
 * A message with the parts that change from request to request taken out, as error trackers do
 * before grouping: numbers, hex and UUID ids, quoted values, e-mail and IP addresses. {@code
 * "failed for order T-78 (user 'bob', 10.0.0.7)"} and {@code "failed for order T-79 (user 'amy',
 * 10.0.0.9)"} have the same shape, {@code "failed for order T-# (user '…', <ip>)"}; a message
 * written with a template ({@code "failed for order {}"}) keeps its shape anyway. By hand, not with
 * regular expressions: the command line pays for every class it loads.
 */
public final class MessageShape {

  /** Longer messages are shaped by their start only: two that agree this far are one problem. */
  static final int MAX_CHARS = 4_096;

  private static final int MAX_QUOTED = 256;

  private MessageShape() {}

  /** {@return the message's shape, for a fingerprint} */
  public static String of(String message) {
    return shape(message, false);
  }

  /**
   * {@return the message with each value shown as "…", for a subject that stays the same from mail
   * to mail about one problem}, e.g. {@code "Could not record payment for order …"}
   */
  public static String readable(String message) {
    return shape(message, true);
  }

  private static String shape(String message, boolean readable) {
    if (message == null) {
      return "";
    }
    String text = message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) : message;
    var out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int close = text.indexOf(c, i + 1);
        int line = text.indexOf('\n', i + 1);
        if (close > i && close - i <= MAX_QUOTED && (line < 0 || close < line)) {
          out.append(c).append('\u2026').append(c);
          i = close + 1;
          continue;
        }
      }
      if (isWordChar(c)) {
        int end = i;
        while (end < text.length() && isWordChar(text.charAt(end))) {
          end++;
        }
        word(out, text, i, end, readable);
        i = end;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c)
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '@'
        || c == ':'
        || c == '+'
        || c == '/';
  }

  /** One word: kept, or replaced by what it is when it is a value. */
  private static void word(StringBuilder out, String text, int start, int end, boolean readable) {
    // a trailing dot or colon ends the sentence or the label, it is not part of the value
    int tail = end;
    while (tail > start && ".:".indexOf(text.charAt(tail - 1)) >= 0) {
      tail--;
    }
    String word = text.substring(start, tail);
    if (isEmail(word)) {
      out.append(readable ? "\u2026" : "<email>");
    } else if (isUuid(word)) {
      out.append(readable ? "\u2026" : "<uuid>");
    } else if (isIpv4(word)) {
      out.append(readable ? "\u2026" : "<ip>");
    } else if (isHexId(word)) {
      out.append(readable ? "\u2026" : "<hex>");
    } else {
      digitsAs(out, word, readable ? '\u2026' : '#');
    }
    out.append(text, tail, end);
  }

  private static void digitsAs(StringBuilder out, String word, char mark) {
    boolean inDigits = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (digit && !inDigits) {
        out.append(mark);
      } else if (!digit
          && !(inDigits
              && (c == '.' || c == ',')
              && i + 1 < word.length()
              && Character.isDigit(word.charAt(i + 1)))) {
        out.append(c);
      }
      inDigits = digit || inDigits && (c == '.' || c == ',');
    }
  }

  private static boolean isEmail(String word) {
    int at = word.indexOf('@');
    return at > 0 && word.indexOf('.', at) > at + 1 && word.lastIndexOf('@') == at;
  }

  private static boolean isUuid(String word) {
    if (word.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = word.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** 10.0.0.7, or 10.0.0.7:8080. */
  private static boolean isIpv4(String word) {
    int colon = word.indexOf(':');
    String address = colon < 0 ? word : word.substring(0, colon);
    String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return colon < 0 || word.substring(colon + 1).chars().allMatch(Character::isDigit);
  }

  /** {@code 0x7f3a}, or eight or more hex digits with at least one digit: a hash, an id. */
  private static boolean isHexId(String word) {
    String hex = word.startsWith("0x") || word.startsWith("0X") ? word.substring(2) : word;
    if (hex.length() < (hex.length() == word.length() ? 8 : 1)) {
      return false;
    }
    boolean digit = false;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (Character.digit(c, 16) < 0) {
        return false;
      }
      digit |= c <= '9';
    }
    return digit;
  }
}

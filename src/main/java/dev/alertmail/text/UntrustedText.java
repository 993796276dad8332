package dev.alertmail.text;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Makes text from outside safe to print: a hostile server, a man in the middle of a plain session
 * or a careless application must not be able to move a terminal's cursor, set its title, clear its
 * screen, forge a log line or reverse what a reader sees. Control characters are shown as {@code
 * \x1b}, bidirectional overrides and invisible characters as {@code \u202e}; known secrets and
 * anything shaped like a token are masked.
 */
public final class UntrustedText {

  /** What a masked secret reads as. */
  public static final String MASK = "****";

  // a token, a key or a secret is a long run of these; words and host names rarely are
  private static final int TOKEN_LENGTH = 32;

  private UntrustedText() {}

  /** {@return the text on one line: every control character, line breaks included, escaped} */
  public static String visible(String text) {
    return escape(text, false);
  }

  /** {@return as {@link #visible}, keeping line feeds: for a text of several lines} */
  public static String visibleLines(String text) {
    return escape(text, true);
  }

  /** {@return as {@link #visibleLines}, keeping tabs too: for a mail's text, a stack trace's} */
  public static String visibleBody(String text) {
    return escape(text, true, true);
  }

  /**
   * {@return whether the code point changes how the text around it reads without being seen}:
   * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+061C),
   * zero-width spaces, joiners and marks (U+200B–U+200F, U+2060–U+2064, U+180E) and the byte order
   * mark (U+FEFF)
   */
  public static boolean isInvisible(int cp) {
    return cp >= 0x200B && cp <= 0x200F
        || cp >= 0x202A && cp <= 0x202E
        || cp >= 0x2060 && cp <= 0x2064
        || cp >= 0x2066 && cp <= 0x2069
        || cp == 0x061C
        || cp == 0x180E
        || cp == 0xFEFF;
  }

  /**
   * {@return the text on one line for a title: control characters, line breaks and runs of
   * whitespace become one space, characters that reverse or hide text are left out, and a text
   * longer than {@code max} code points is cut with an ellipsis}
   */
  public static String oneLine(String text, int max) {
    var out = new StringBuilder(Math.min(text.length(), max + 8));
    boolean space = false;
    int points = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isInvisible(cp)) {
        continue;
      }
      if (isControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = true;
        continue;
      }
      if (points + (space && out.length() > 0 ? 2 : 1) > max) {
        return out.toString().stripTrailing() + "\u2026";
      }
      if (space && out.length() > 0) {
        out.append(' ');
        points++;
      }
      space = false;
      out.appendCodePoint(cp);
      points++;
    }
    return out.toString();
  }

  /** {@return whether the character is a C0 control, DEL or a C1 control} */
  public static boolean isControl(int cp) {
    return cp < 0x20 || cp >= 0x7F && cp <= 0x9F;
  }

  /** The escape a reader sees instead of the character: {@code \x1b} or {@code \u202e}. */
  public static void appendEscape(StringBuilder out, int cp) {
    String hex = Integer.toHexString(cp);
    if (cp <= 0xFF) {
      out.append("\\x").append(hex.length() == 1 ? "0" : "").append(hex);
    } else {
      out.append("\\u").append("0".repeat(Math.max(0, 4 - hex.length()))).append(hex);
    }
  }

  private static String escape(String text, boolean keepLineFeeds) {
    return escape(text, keepLineFeeds, false);
  }

  private static String escape(String text, boolean keepLineFeeds, boolean keepTabs) {
    if (text == null) {
      return "null";
    }
    int first = firstToEscape(text, keepLineFeeds, keepTabs);
    if (first < 0) {
      return text;
    }
    var out = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (needsEscape(cp, keepLineFeeds, keepTabs)) {
        appendEscape(out, cp);
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  private static int firstToEscape(String text, boolean keepLineFeeds, boolean keepTabs) {
    for (int i = 0; i < text.length(); i++) {
      if (needsEscape(text.charAt(i), keepLineFeeds, keepTabs)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean needsEscape(int cp, boolean keepLineFeeds, boolean keepTabs) {
    return isControl(cp) && !(keepLineFeeds && cp == '\n') && !(keepTabs && cp == '\t')
        || isInvisible(cp);
  }

  /**
   * {@return the text with every given secret, every value of a parameter named like one ({@code
   * client_secret=}, {@code "password": "..."}), and every run that looks like a token (a JWT, or
   * 32 or more letters, digits and {@code -._~+/=} mixing letters and digits) replaced by {@link
   * #MASK}}, so an endpoint that echoes a request cannot print what it was sent
   */
  public static String masked(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      // a very short "secret" would mask ordinary words; such a value is no secret anyway
      if (secret != null && secret.length() >= 4) {
        result = result.replace(secret, MASK);
      }
    }
    result = SecretParameters.PATTERN.matcher(result).replaceAll("$1" + MASK);
    return maskTokens(result);
  }

  /** Compiled when first needed: the command line's start never pays for it. */
  private static final class SecretParameters {
    static final Pattern PATTERN =
        Pattern.compile(
            "(?i)((?:secret|token|password|passwd|assertion|code_verifier)[\"']?\\s*[=:]\\s*[\"']?)"
                + "(?!\\*\\*\\*\\*)[^\\s&\"',;}]+");
  }

  private static String maskTokens(String text) {
    StringBuilder out = null;
    int runStart = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean inRun = i < text.length() && isTokenChar(text.charAt(i));
      if (inRun && runStart < 0) {
        runStart = i;
      } else if (!inRun && runStart >= 0) {
        if (looksLikeToken(text, runStart, i)) {
          if (out == null) {
            out = new StringBuilder(text.length()).append(text, 0, runStart);
          }
          out.append(MASK);
        } else if (out != null) {
          out.append(text, runStart, i);
        }
        runStart = -1;
      }
      if (!inRun && out != null && i < text.length()) {
        out.append(text.charAt(i));
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == '/'
        || c == '=';
  }

  private static boolean looksLikeToken(String text, int start, int end) {
    if (end - start < TOKEN_LENGTH) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      letter |= Character.isLetter(c);
      digit |= Character.isDigit(c);
    }
    return letter && digit;
  }
}

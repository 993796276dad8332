package dev.alertmail.mail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes an unstructured header (the subject) per RFC 2047: ASCII words stay readable, runs of
 * words that need encoding become UTF-8 "B" encoded words of at most 75 characters, each holding
 * whole code points, folded with CRLF SP so no line passes 76 characters.
 *
 * <p>Encoded words are made here rather than with commons-codec's {@code BCodec}, which returns one
 * word of any length and would have to be split again on character boundaries.
 */
final class EncodedWords {

  private static final String PREFIX = "=?UTF-8?B?";
  private static final String SUFFIX = "?=";
  private static final int OVERHEAD = PREFIX.length() + SUFFIX.length();
  // RFC 2047 2: an encoded word is at most 75 characters
  private static final int MAX_WORD = 75;
  // room for the overhead and one 4-byte code point (8 base64 characters)
  private static final int MIN_WORD = OVERHEAD + 8;
  // longer ASCII words are encoded too, so that they can be split over lines
  private static final int MAX_LITERAL = 66;

  private EncodedWords() {}

  /**
   * The header {@code name: text}, folded, ending with CRLF.
   *
   * @param text free text without control characters
   */
  static String header(String name, String text) {
    var line = new HeaderLine(name);
    String[] words = text.split(" ", -1);
    int i = 0;
    while (i < words.length) {
      if (!needsEncoding(words[i])) {
        line.word(words[i++]);
        continue;
      }
      // Whitespace between two encoded words is dropped by decoders (RFC 2047 6.2), so the spaces
      // inside a run of words that need encoding are encoded along with the words.
      var run = new StringBuilder(words[i++]);
      while (i < words.length && (words[i].isEmpty() || needsEncoding(words[i]))) {
        run.append(' ').append(words[i++]);
      }
      encode(line, run.toString());
    }
    return line.toString();
  }

  static boolean needsEncoding(String word) {
    if (word.length() > MAX_LITERAL || word.contains("=?")) {
      return true;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static void encode(HeaderLine line, String text) {
    int[] codePoints = text.codePoints().toArray();
    int next = 0;
    while (next < codePoints.length) {
      int room = HeaderLine.MAX_LINE - line.column() - 1;
      // too little room left on this line: size the word for a new one, HeaderLine folds before it
      int wordLength = Math.min(MAX_WORD, room >= MIN_WORD ? room : HeaderLine.MAX_LINE - 1);
      int maxBytes = (wordLength - OVERHEAD) / 4 * 3;
      var chunk = new StringBuilder();
      int bytes = 0;
      while (next < codePoints.length) {
        int size = utf8Length(codePoints[next]);
        if (bytes + size > maxBytes) {
          break;
        }
        chunk.appendCodePoint(codePoints[next++]);
        bytes += size;
      }
      byte[] utf8 = chunk.toString().getBytes(StandardCharsets.UTF_8);
      line.word(PREFIX + Base64.getEncoder().encodeToString(utf8) + SUFFIX);
    }
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    } else if (codePoint < 0x800) {
      return 2;
    } else if (codePoint < 0x10000) {
      return 3;
    }
    return 4;
  }
}

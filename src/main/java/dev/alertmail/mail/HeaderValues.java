package dev.alertmail.mail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Header values from log events and settings, made safe ASCII: RFC 2047 words where needed. */
final class HeaderValues {

  // an encoded word is at most 75 characters (RFC 2047 §2): 45 bytes of text fit in its base64
  private static final int BYTES_PER_WORD = 30; // short enough to share a line with the name

  private HeaderValues() {}

  /** The text on one line, non-ASCII as {@code =?UTF-8?B?...?=} words, at most 120 characters. */
  static String ascii(String text) {
    // 120 characters of up to 4 bytes each stay below a header's 900, encoded
    String line = SubjectLine.cut(SubjectLine.clean(text), 120);
    boolean plain = true;
    for (String word : line.split(" ")) {
      plain &= !EncodedWords.needsEncoding(word) || word.isEmpty();
    }
    if (plain) {
      return line; // printable ASCII words that fold at spaces
    }
    var out = new StringBuilder();
    var chunk = new StringBuilder();
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      String next = new String(Character.toChars(cp));
      if ((chunk + next).getBytes(StandardCharsets.UTF_8).length > BYTES_PER_WORD) {
        word(out, chunk);
        chunk.setLength(0);
      }
      chunk.append(next);
    }
    word(out, chunk);
    return out.toString();
  }

  private static void word(StringBuilder out, CharSequence chunk) {
    if (chunk.length() == 0) {
      return;
    }
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append("=?UTF-8?B?")
        .append(
            Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8)))
        .append("?=");
  }
}

package dev.alertmail.mail;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.commons.codec.net.QuotedPrintableCodec;

/**
 * Encodes a text body as UTF-8 quoted-printable with CRLF line ends and no line over 76 characters.
 *
 * <p>Quoted-printable keeps mostly-ASCII alert text readable in the raw message, and "=" followed
 * by "_" cannot occur in its output, which {@link MimeRenderer} uses to make a boundary that cannot
 * collide with a body.
 */
final class QuotedPrintableBody {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  // in strict mode, commons-codec (1.20) returns null for input shorter than this many bytes
  private static final int CODEC_MIN_BYTES = 3;

  private QuotedPrintableBody() {}

  /**
   * The encoded body. Any line break in the text (CRLF, CR or LF) becomes CRLF; the result always
   * ends with CRLF, which stands for the text's final line break if it has one.
   */
  static String encode(String text) {
    var out = new StringBuilder(text.length() + text.length() / 8 + 16);
    String[] lines = text.split("\r\n|\r|\n", -1);
    // a text ending with a line break yields a last empty "line"; the CRLF written after the
    // previous line already ends the text
    int count =
        lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    // The codec encodes CR and LF as =0D=0A, turning the body into one wrapped line; encoding each
    // line on its own keeps real line breaks, as RFC 2045 6.7 (4) wants for text.
    for (int i = 0; i < count; i++) {
      out.append(line(lines[i])).append("\r\n");
    }
    return out.toString();
  }

  private static String line(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (bytes.length >= CODEC_MIN_BYTES) {
      // strict = true: wrap at 76 with soft line breaks (CRLF) and encode trailing whitespace
      return new String(
          QuotedPrintableCodec.encodeQuotedPrintable(null, bytes, true), StandardCharsets.US_ASCII);
    }
    // too short to need wrapping: encode by hand, including trailing whitespace (RFC 2045 6.7 (3))
    var out = new StringBuilder(8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean last = i == bytes.length - 1;
      if (b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !last) {
        out.append((char) b);
      } else {
        out.append('=').append(HEX.toHexDigits((byte) b));
      }
    }
    return out.toString();
  }
}

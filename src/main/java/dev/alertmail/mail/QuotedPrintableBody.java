package dev.alertmail.mail;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.net.QuotedPrintableCodec;

/**
 * Encodes a text body as UTF-8 quoted-printable with CRLF line ends and no line over 76 characters.
 *
 * <p>Quoted-printable keeps mostly-ASCII alert text readable in the raw message, and "=" followed
 * by "_" cannot occur in its output, which {@link MimeRenderer} uses to make a boundary that cannot
 * collide with a body.
 */
final class QuotedPrintableBody {

  // strict = true makes the codec wrap at 76 with soft line breaks and encode trailing whitespace
  private static final QuotedPrintableCodec CODEC =
      new QuotedPrintableCodec(StandardCharsets.UTF_8, true);

  private QuotedPrintableBody() {}

  /**
   * The encoded body. Any line break in the text (CRLF, CR or LF) becomes a CRLF line break; the
   * result ends with CRLF.
   */
  static String encode(String text) {
    var out = new StringBuilder(text.length() + text.length() / 8 + 16);
    // The codec encodes CR and LF as =0D=0A, turning the body into one wrapped line; encoding each
    // line on its own keeps real line breaks, as RFC 2045 6.7 (4) wants for text.
    for (String line : text.split("\r\n|\r|\n", -1)) {
      // the codec's soft line breaks are CRLF already
      out.append(CODEC.encode(line, StandardCharsets.UTF_8)).append("\r\n");
    }
    return out.toString();
  }
}

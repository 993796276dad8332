package dev.alertmail.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DKIM's "relaxed" canonicalization (RFC 6376 §3.4.2, §3.4.4) of a message as it goes on the wire
 * (CRLF line ends, before dot-stuffing), and the header fields it is made of. Relaxed, so that a
 * relay that re-folds a header or trims trailing spaces does not break the signature.
 */
final class DkimCanonical {

  /** A header field as written: its name, and its value with any folding, without the last CRLF. */
  record Field(String name, String value) {}

  /** The header fields, in order, and where the body starts. */
  record Parsed(List<Field> fields, int bodyStart) {}

  private DkimCanonical() {}

  /** Splits a message into its header fields and the offset of its body. */
  static Parsed parse(byte[] message) {
    List<Field> fields = new ArrayList<>();
    int at = 0;
    int n = message.length;
    while (at < n) {
      int lineEnd = lineEnd(message, at);
      if (lineEnd == at) { // the empty line: the body follows
        return new Parsed(fields, Math.min(n, at + 2));
      }
      int fieldEnd = lineEnd;
      // continuation lines start with a space or a tab
      while (fieldEnd + 2 < n && (message[fieldEnd + 2] == ' ' || message[fieldEnd + 2] == '\t')) {
        fieldEnd = lineEnd(message, fieldEnd + 2);
      }
      String field = new String(message, at, fieldEnd - at, StandardCharsets.US_ASCII);
      int colon = field.indexOf(':');
      if (colon > 0) {
        fields.add(new Field(field.substring(0, colon), field.substring(colon + 1)));
      }
      at = fieldEnd + 2;
    }
    return new Parsed(fields, n);
  }

  /** The offset of the CRLF that ends the line starting at {@code from}, or the end. */
  private static int lineEnd(byte[] message, int from) {
    for (int i = from; i + 1 < message.length; i++) {
      if (message[i] == '\r' && message[i + 1] == '\n') {
        return i;
      }
    }
    return message.length;
  }

  /**
   * {@code name:value} with CRLF: the name in lower case, the value unfolded, each run of spaces
   * and tabs one space, none at its ends or around the colon.
   */
  static String header(String name, String value) {
    String unfolded = value.replace("\r\n", "");
    var out = new StringBuilder(name.strip().toLowerCase(Locale.ROOT)).append(':');
    boolean space = false;
    boolean started = false; // spaces after the field's colon are dropped, not those of the value
    for (int i = 0; i < unfolded.length(); i++) {
      char c = unfolded.charAt(i);
      if (c == ' ' || c == '\t') {
        space = true;
        continue;
      }
      if (space && started) {
        out.append(' ');
      }
      space = false;
      started = true;
      out.append(c);
    }
    return out.append("\r\n").toString();
  }

  /**
   * The body from {@code start}: each run of spaces and tabs one space, none at a line's end, no
   * empty lines at the end, and a CRLF after the last line when there is any text.
   */
  static byte[] body(byte[] message, int start) {
    var out = new ByteArrayOutputStream(Math.max(0, message.length - start));
    var line = new ByteArrayOutputStream(256);
    int emptyLines = 0;
    int at = start;
    int n = message.length;
    while (at < n) {
      int end = lineEnd(message, at);
      line.reset();
      boolean space = false;
      for (int i = at; i < end; i++) {
        byte b = message[i];
        if (b == ' ' || b == '\t') {
          space = true;
          continue;
        }
        if (space) {
          line.write(' ');
        }
        space = false;
        line.write(b);
      }
      if (line.size() == 0) {
        emptyLines++; // kept back: empty lines count only when text follows them
      } else {
        for (; emptyLines > 0; emptyLines--) {
          out.write('\r');
          out.write('\n');
        }
        out.write(line.toByteArray(), 0, line.size());
        out.write('\r');
        out.write('\n');
      }
      at = end + 2;
    }
    return out.toByteArray();
  }
}

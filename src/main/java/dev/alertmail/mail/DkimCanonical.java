package dev.alertmail.mail;

import java.io.IOException;
import java.io.OutputStream;
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

  private static final byte[] CRLF = {'\r', '\n'};

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
      // byte for byte: a raw 8-bit byte is signed as the receiver gets it, not as a '?'
      String field = new String(message, at, fieldEnd - at, StandardCharsets.ISO_8859_1);
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
   * The body from {@code start}, written to {@code out}: each run of spaces and tabs one space,
   * none at a line's end, no empty lines at the end, and a CRLF after the last line when there is
   * any text. Written in runs, without a copy of the body: a mail may hold megabytes, and the
   * digest that takes them needs no more than a stream.
   */
  static void body(byte[] message, int start, OutputStream out) throws IOException {
    int emptyLines = 0;
    int at = start;
    int n = message.length;
    while (at < n) {
      int end = lineEnd(message, at);
      boolean text = false;
      boolean space = false;
      int run = at;
      // the line's end closes the last run as a space or tab would
      for (int i = at; i <= end; i++) {
        if (i < end && message[i] != ' ' && message[i] != '\t') {
          continue;
        }
        if (i > run) {
          if (!text) {
            emptyLines = endLines(out, emptyLines); // kept back until text follows them
          }
          if (space) {
            out.write(' '); // a run before the text, too: it becomes one space, not none
          }
          out.write(message, run, i - run);
          text = true;
        }
        space = true;
        run = i + 1;
      }
      if (text) {
        out.write(CRLF);
      } else {
        emptyLines++;
      }
      at = end + 2;
    }
  }

  private static int endLines(OutputStream out, int emptyLines) throws IOException {
    for (int i = 0; i < emptyLines; i++) {
      out.write(CRLF);
    }
    return 0;
  }

  /**
   * The message with every bare CR or LF made a CRLF, as the SMTP layer writes it (RFC 5321
   * §2.3.8): the signature must cover the bytes the receiver gets. The same array when it has none,
   * the usual case.
   */
  static byte[] wireLineEnds(byte[] message) {
    int bare = 0;
    for (int i = 0; i < message.length; i++) {
      if (message[i] == '\r' && (i + 1 == message.length || message[i + 1] != '\n')) {
        bare++;
      } else if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) {
        bare++;
      }
    }
    if (bare == 0) {
      return message;
    }
    byte[] out = new byte[message.length + bare];
    int o = 0;
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
        out[o++] = '\r';
        out[o++] = '\n';
        i++;
      } else if (b == '\r' || b == '\n') {
        out[o++] = '\r';
        out[o++] = '\n';
      } else {
        out[o++] = b;
      }
    }
    return out;
  }
}

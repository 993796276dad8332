package dev.alertmail.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies from a stream, however the server split them across TCP segments.
 *
 * <p>Owns its buffer (rather than wrapping a {@code BufferedInputStream}) so the connection can ask
 * whether unread server bytes are waiting, which STARTTLS must refuse (RFC 3207 §4.2 injection).
 * Memory is bounded: a line longer than {@link #MAX_LINE} or a reply with more than {@link
 * #MAX_LINES} lines is an error, never an ever-growing buffer.
 */
final class ReplyReader {

  /** Far above RFC 5321's 512-octet reply line, low enough to bound memory. */
  static final int MAX_LINE = 4096;

  static final int MAX_LINES = 256;

  private final InputStream in;
  private final byte[] buffer = new byte[MAX_LINE + 2];
  private int start;
  private int end;

  ReplyReader(InputStream in) {
    this.in = in;
  }

  /** Reads one complete reply, calling {@code onLine} with each raw line as it arrives. */
  SmtpReply read(LineListener onLine) throws IOException {
    List<String> texts = new ArrayList<>();
    int code = -1;
    while (true) {
      String line = readLine();
      onLine.line(line);
      int lineCode = parseCode(line);
      if (code == -1) {
        code = lineCode;
      } else if (lineCode != code) {
        throw new MalformedReplyException(
            "reply changed its code from " + code + " to " + lineCode + " within one reply");
      }
      boolean last = line.length() == 3 || line.charAt(3) == ' ';
      if (!last && line.charAt(3) != '-') {
        throw new MalformedReplyException("malformed reply line: " + abbreviate(line));
      }
      texts.add(line.length() > 4 ? line.substring(4) : "");
      if (last) {
        return new SmtpReply(code, texts);
      }
      if (texts.size() >= MAX_LINES) {
        throw new MalformedReplyException("reply has more than " + MAX_LINES + " lines");
      }
    }
  }

  /** {@return how many bytes the server sent that no reply has consumed yet} */
  int buffered() {
    return end - start;
  }

  private static int parseCode(String line) throws MalformedReplyException {
    if (line.length() < 3) {
      throw new MalformedReplyException("malformed reply line: " + abbreviate(line));
    }
    int code = 0;
    for (int i = 0; i < 3; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedReplyException("malformed reply line: " + abbreviate(line));
      }
      code = code * 10 + (c - '0');
    }
    if (code < 200 || code > 599) {
      throw new MalformedReplyException("reply code out of range: " + abbreviate(line));
    }
    return code;
  }

  /** Reads up to LF; a preceding CR is dropped, a bare LF is tolerated. */
  private String readLine() throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = start + scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
          // ISO-8859-1 keeps every byte one char, so odd server bytes never fail decoding
          String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
          start = i + 1;
          return line;
        }
      }
      scanned = end - start;
      if (scanned > MAX_LINE) {
        throw new MalformedReplyException("reply line longer than " + MAX_LINE + " bytes");
      }
      fill();
    }
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      throw new EOFException("server closed the connection");
    }
    end += n;
  }

  private static String abbreviate(String line) {
    String printable = line.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
  }

  /** Sees each raw reply line, for the transcript. */
  @FunctionalInterface
  interface LineListener {
    void line(String line);
  }
}

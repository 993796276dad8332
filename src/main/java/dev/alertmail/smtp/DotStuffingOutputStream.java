package dev.alertmail.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message content for DATA (RFC 5321 §4.5.2): bare CR or LF become CRLF, a line starting
 * with {@code "."} gets a second dot, and {@link #finish()} ends the content with CRLF {@code "."}
 * CRLF. Nothing else is changed.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

  private boolean atLineStart = true;
  private boolean pendingCr;

  DotStuffingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (pendingCr) {
      pendingCr = false;
      out.write('\r');
      out.write('\n');
      atLineStart = true;
      if (b == '\n') {
        return; // CRLF: already written
      }
    }
    if (b == '\r') {
      pendingCr = true; // decide when the next byte shows whether LF follows
      return;
    }
    if (b == '\n') {
      out.write('\r');
      out.write('\n');
      atLineStart = true;
      return;
    }
    if (atLineStart && b == '.') {
      out.write('.');
    }
    out.write(b);
    atLineStart = false;
  }

  /**
   * Copies runs of ordinary bytes in one write each; only line ends and a dot at a line start take
   * the byte-wise path (one write per byte cost a mail more CPU than its SMTP dialogue).
   */
  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int run = off;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (pendingCr || c == '\r' || c == '\n' || (atLineStart && c == '.')) {
        out.write(b, run, i - run);
        write(c & 0xff);
        run = i + 1;
      } else {
        atLineStart = false;
      }
    }
    out.write(b, run, end - run);
  }

  /** Ends the last line if needed and writes the terminating {@code ".\r\n"}; does not close. */
  void finish() throws IOException {
    if (pendingCr) {
      pendingCr = false;
      out.write('\r');
      out.write('\n');
      atLineStart = true;
    }
    if (!atLineStart) {
      out.write('\r');
      out.write('\n');
    }
    out.write('.');
    out.write('\r');
    out.write('\n');
    out.flush();
  }

  /** Does not close the socket's stream: the session still needs it for QUIT. */
  @Override
  public void close() throws IOException {
    flush();
  }
}

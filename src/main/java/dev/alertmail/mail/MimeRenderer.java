package dev.alertmail.mail;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Renders a {@link MailMessage} as the bytes of an RFC 5322 / MIME message: CRLF line ends, no line
 * over 76 octets in practice (998 at most), non-ASCII encoded (RFC 2047 in the subject,
 * quoted-printable UTF-8 in bodies). Bcc recipients are never written. Lines starting with {@code
 * .} are left as they are: dot-stuffing is the SMTP layer's job.
 *
 * <p>The output is 7-bit ASCII, so it needs neither 8BITMIME nor SMTPUTF8 from the server.
 */
public final class MimeRenderer {

  private static final String CRLF = "\r\n";
  private static final String TEXT = "text/plain; charset=UTF-8";
  private static final String HTML = "text/html; charset=UTF-8";

  private MimeRenderer() {}

  /**
   * Renders the message.
   *
   * @param message the message
   * @return the message bytes, ending with CRLF
   */
  public static byte[] render(MailMessage message) {
    var out = new StringBuilder(4096);
    out.append(HeaderLine.of("Date", TimeFormat.rfc5322(message.date())));
    out.append(HeaderLine.of("From", message.from().toString()));
    if (!message.to().isEmpty()) {
      out.append(addressHeader("To", message.to()));
    } else if (message.cc().isEmpty()) {
      // only blind copies: RFC 5322 3.6.3 suggests an empty group rather than no To at all
      out.append(HeaderLine.of("To", "undisclosed-recipients:;"));
    }
    if (!message.cc().isEmpty()) {
      out.append(addressHeader("Cc", message.cc()));
    }
    out.append(HeaderLine.of("Message-ID", "<" + message.messageId() + ">"));
    out.append(EncodedWords.header("Subject", message.subject()));
    out.append(HeaderLine.of("MIME-Version", "1.0"));
    out.append(HeaderLine.of("X-Mailer", "AlertMail"));
    message
        .extraHeaders()
        .forEach((name, value) -> out.append(HeaderLine.of(name, List.of(value.split(" ", -1)))));

    if (message.textBody() != null && message.htmlBody() != null) {
      // "=_" never occurs in quoted-printable output, so no body line can equal the boundary
      String boundary = "=_AlertMail_" + UniqueIds.next();
      out.append(
          HeaderLine.of(
              "Content-Type", List.of("multipart/alternative;", "boundary=\"" + boundary + "\"")));
      out.append(CRLF);
      out.append("This is a multi-part message in MIME format.").append(CRLF);
      out.append("--").append(boundary).append(CRLF);
      part(out, TEXT, message.textBody());
      out.append("--").append(boundary).append(CRLF);
      part(out, HTML, message.htmlBody());
      out.append("--").append(boundary).append("--").append(CRLF);
    } else if (message.textBody() != null) {
      part(out, TEXT, message.textBody());
    } else {
      part(out, HTML, message.htmlBody());
    }
    return toAscii(out);
  }

  /** Content headers, blank line and encoded body; for the message itself or one of its parts. */
  private static void part(StringBuilder out, String contentType, String body) {
    out.append(HeaderLine.of("Content-Type", contentType));
    out.append(HeaderLine.of("Content-Transfer-Encoding", "quoted-printable"));
    out.append(CRLF);
    out.append(QuotedPrintableBody.encode(body));
  }

  private static String addressHeader(String name, List<MailAddress> addresses) {
    var words = new java.util.ArrayList<String>(addresses.size());
    for (int i = 0; i < addresses.size(); i++) {
      words.add(addresses.get(i) + (i < addresses.size() - 1 ? "," : ""));
    }
    return HeaderLine.of(name, words);
  }

  private static byte[] toAscii(StringBuilder text) {
    // everything above is ASCII by construction; US_ASCII would turn a slip into '?' silently, so
    // check instead
    var bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        throw new IllegalStateException("non-ASCII character in rendered message at " + i);
      }
      bytes.write(c);
    }
    return bytes.toByteArray();
  }
}

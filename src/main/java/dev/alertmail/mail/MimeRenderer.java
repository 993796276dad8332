package dev.alertmail.mail;

/**
 * Renders a {@link MailMessage} as the bytes of an RFC 5322 / MIME message: CRLF line ends, no line
 * over 998 octets, non-ASCII encoded (RFC 2047 in headers, quoted-printable UTF-8 in bodies). Bcc
 * recipients are never written. Lines starting with {@code .} are left as they are: dot-stuffing is
 * the SMTP layer's job.
 */
public final class MimeRenderer {

  private MimeRenderer() {}

  /**
   * Renders the message.
   *
   * @param message the message
   * @return the message bytes, ending with CRLF
   */
  public static byte[] render(MailMessage message) {
    throw new UnsupportedOperationException("not yet");
  }
}

package dev.alertmail.smtp;

import java.io.IOException;
import java.net.Socket;

/** TLS for a session: not implemented yet; every TLS request fails clearly. */
final class Tls {

  private Tls() {}

  static Socket wrap(Socket plain, SmtpSettings settings) throws IOException {
    throw SmtpException.permanent(
        settings.server(), "TLS", "TLS is not supported yet; write <tls>NONE</tls>");
  }
}

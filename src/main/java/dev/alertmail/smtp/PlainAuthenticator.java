package dev.alertmail.smtp;

/** AUTH PLAIN (RFC 4616) as an initial response: {@code base64(NUL user NUL password)}. */
final class PlainAuthenticator implements Authenticator {

  static final String COMMAND = "AUTH PLAIN";

  @Override
  public void authenticate(SmtpConnection connection, String username, String password)
      throws SmtpException {
    String response = Authenticator.base64("\0" + username + "\0" + password);
    connection.secret(password, response, Authenticator.base64(password));
    SmtpReply reply =
        connection.command(COMMAND + " " + response, COMMAND + " " + SmtpConnection.MASKED);
    Authenticator.expect(connection, COMMAND, reply, 235);
  }
}

package dev.alertmail.smtp;

/**
 * AUTH LOGIN: a bare {@code AUTH LOGIN} (GreenMail answers an initial response with 500), then the
 * base64 user name and password, each after a 334 challenge.
 */
final class LoginAuthenticator implements Authenticator {

  static final String COMMAND = "AUTH LOGIN";

  @Override
  public void authenticate(SmtpConnection connection, String username, String password)
      throws SmtpException {
    connection.secret(password, Authenticator.base64(password));
    Authenticator.expect(connection, COMMAND, connection.command(COMMAND), 334);
    SmtpReply reply = connection.command(Authenticator.base64(username), SmtpConnection.MASKED);
    Authenticator.expect(connection, COMMAND, reply, 334);
    reply = connection.command(Authenticator.base64(password), SmtpConnection.MASKED);
    Authenticator.expect(connection, COMMAND, reply, 235);
  }
}

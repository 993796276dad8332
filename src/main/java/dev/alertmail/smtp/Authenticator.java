package dev.alertmail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One SASL mechanism's exchange for SMTP AUTH (RFC 4954); one implementation per mechanism. */
interface Authenticator {

  /** Runs the exchange; returns normally only on 235. */
  void authenticate(SmtpConnection connection, String username, String password)
      throws SmtpException;

  /** {@return the authenticator for a mechanism} */
  static Authenticator of(AuthMechanism mechanism) {
    return switch (mechanism) {
      case PLAIN -> new PlainAuthenticator();
      case LOGIN -> new LoginAuthenticator();
    };
  }

  static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Accepts {@code expected} (235 or 334) and turns the AUTH replies of RFC 4954 §6 into messages a
   * user can act on. The messages never repeat what was sent.
   */
  static void expect(SmtpConnection connection, String command, SmtpReply reply, int expected)
      throws SmtpException {
    if (reply.code() == expected) {
      return;
    }
    String server = connection.server();
    String what =
        switch (reply.code()) {
          case 535 -> "authentication failed: the server rejected the user name or password";
          case 454 -> "temporary authentication failure";
          case 530 -> "the server requires authentication (and may require TLS first)";
          case 534 -> "the server requires a stronger authentication mechanism";
          case 538 -> "the server requires an encrypted connection for this mechanism; enable TLS";
          case 504 -> "the server does not support this authentication mechanism";
          default -> "authentication failed";
        };
    if (reply.isPositive()) {
      throw new SmtpException(
          server + ": " + command + ": unexpected reply " + reply, command, reply, false, null);
    }
    throw SmtpException.rejected(server, command, reply, what);
  }
}

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
      case XOAUTH2 -> new XOAuth2Authenticator();
    };
  }

  /**
   * What a 535 means, in words a person can act on: Microsoft 365 says why in its enhanced status
   * text (RFC 3463 5.7.139).
   */
  private static String refusal(String text) {
    String reply = text.toLowerCase(java.util.Locale.ROOT);
    if (reply.contains("basic authentication is disabled")) {
      return "this server no longer takes passwords: configure XOAUTH2 (see README, Microsoft 365)";
    }
    if (reply.contains("smtpclientauthentication is disabled")) {
      return "SMTP AUTH is switched off for this mailbox or tenant: enable Authenticated SMTP for"
          + " the mailbox (Microsoft 365 admin center, or Set-CASMailbox"
          + " -SmtpClientAuthenticationDisabled $false)";
    }
    if (reply.contains("security defaults")) {
      return "the tenant's security defaults block SMTP AUTH: use XOAUTH2 or an exempted account";
    }
    return "authentication failed: the server rejected the credentials";
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
          case 535 -> refusal(reply.text());
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

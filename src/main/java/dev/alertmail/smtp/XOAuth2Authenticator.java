package dev.alertmail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * AUTH XOAUTH2 as Google and Microsoft document it: {@code base64("user=" user ^A "auth=Bearer "
 * token ^A ^A)} as the initial response. A refused token is answered with a 334 error challenge
 * (base64 JSON: status, schemes, scope), which the client acknowledges with an empty line before
 * the server's final 5xx.
 */
final class XOAuth2Authenticator implements Authenticator {

  static final String COMMAND = "AUTH XOAUTH2";

  @Override
  public void authenticate(SmtpConnection connection, String username, String token)
      throws SmtpException {
    String response =
        Authenticator.base64("user=" + username + "\u0001auth=Bearer " + token + "\u0001\u0001");
    connection.secret(token, response);
    SmtpReply reply = connection.command(COMMAND + " " + response, COMMAND + " ****");
    if (reply.code() == 334) {
      String challenge = decode(reply.text());
      SmtpReply last = connection.command("", "");
      throw SmtpException.rejected(
          connection.server(),
          COMMAND,
          last,
          "the server refused the access token" + (challenge.isEmpty() ? "" : " " + challenge));
    }
    Authenticator.expect(connection, COMMAND, reply, 235);
  }

  /** The error challenge's JSON, e.g. {@code {"status":"401","schemes":"bearer","scope":"..."}}. */
  private static String decode(String challenge) {
    try {
      String json =
          new String(Base64.getDecoder().decode(challenge.strip()), StandardCharsets.UTF_8);
      return json.replaceAll("[\\p{Cntrl}]", " ").strip();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}

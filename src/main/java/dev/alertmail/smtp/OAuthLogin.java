package dev.alertmail.smtp;

import dev.alertmail.oauth.AccessToken;
import dev.alertmail.oauth.TokenCache;
import dev.alertmail.oauth.TokenException;

/**
 * Signs in with XOAUTH2: takes a token from the cache (fetched on this, the sender's, thread) and,
 * when the server refuses it, fetches a new one once and tries again before the failure counts: a
 * token may be revoked or expire before the time it announced.
 */
final class OAuthLogin {

  private final String server;
  private final SmtpConnection connection;
  private final SmtpSettings settings;

  OAuthLogin(String server, SmtpConnection connection, SmtpSettings settings) {
    this.server = server;
    this.connection = connection;
    this.settings = settings;
  }

  void authenticate(SmtpSession.StepListener steps) throws SmtpException {
    TokenCache tokens = settings.tokens();
    if (tokens == null) {
      // a static token given as the password, as other appenders take one: no refresh possible
      new XOAuth2Authenticator().authenticate(connection, settings.username(), settings.password());
      return;
    }
    AccessToken token = token(tokens, false);
    steps.step("token", token.describe());
    var xoauth2 = new XOAuth2Authenticator();
    try {
      xoauth2.authenticate(connection, settings.username(), token.value());
    } catch (SmtpException refused) {
      if (refused.reply() == null || !refused.reply().isPermanentFailure()) {
        throw refused;
      }
      AccessToken fresh = token(tokens, true);
      try {
        xoauth2.authenticate(connection, settings.username(), fresh.value());
      } catch (SmtpException again) {
        throw explained(again, fresh);
      }
    }
  }

  private AccessToken token(TokenCache tokens, boolean fresh) throws SmtpException {
    try {
      return fresh ? tokens.refresh() : tokens.get();
    } catch (TokenException e) {
      if (e.isTransient()) {
        throw SmtpException.io(server, "token", "no access token: " + e.getMessage(), e);
      }
      throw SmtpException.configuration(server, "token", "no access token: " + e.getMessage());
    }
  }

  /** A refused token: say what the token's own scopes suggest. */
  private SmtpException explained(SmtpException refused, AccessToken token) {
    String scopes = token.describe();
    boolean smtpScope =
        scopes.contains("SMTP.Send")
            || scopes.contains("outlook.office365.com/.default")
            || scopes.contains("mail.google.com");
    if (!scopes.contains("scopes ") || smtpScope) {
      return refused;
    }
    return SmtpException.configuration(
        server,
        "AUTH XOAUTH2",
        (refused.getMessage().startsWith(server + ": ")
                ? refused.getMessage().substring(server.length() + 2)
                : refused.getMessage())
            + "; the token has no SMTP scope ("
            + scopes
            + "): ask for https://outlook.office365.com/.default (Microsoft, app-only),"
            + " SMTP.Send (Microsoft, delegated) or https://mail.google.com/ (Gmail) in"
            + " <oauthScope>");
  }
}

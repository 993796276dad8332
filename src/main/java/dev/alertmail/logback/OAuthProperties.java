package dev.alertmail.logback;

/**
 * The logback.xml elements of OAuth 2.0 sign-in (XOAUTH2, for Microsoft 365 and Gmail): one token
 * source, a command, a file or the built-in grants. With a source set, AlertMail signs in with
 * XOAUTH2 as {@code <username>}. See {@link AlertMailAppender} and README, OAuth 2.0.
 */
public abstract class OAuthProperties extends RouteProperties {

  /** Only {@link AlertMailAppender} extends this. */
  OAuthProperties() {}

  /**
   * A command whose standard output is the XOAUTH2 access token, or JSON with {@code access_token}
   * and {@code expires_in} (as {@code gcloud auth print-access-token} or {@code az account
   * get-access-token -o json} print). Run directly, never through a shell, bounded by {@code
   * readTimeout}. Default: none.
   *
   * @param oauthTokenCommand the value as written
   */
  public void setOauthTokenCommand(String oauthTokenCommand) {
    settings().set("oauthTokenCommand", oauthTokenCommand);
  }

  /**
   * A file holding the access token (bare, or JSON as above), which a sidecar or a secrets agent
   * refreshes; read again when it changes. Default: none.
   *
   * @param oauthTokenFile the value as written
   */
  public void setOauthTokenFile(String oauthTokenFile) {
    settings().set("oauthTokenFile", oauthTokenFile);
  }

  /**
   * The OAuth 2.0 token endpoint of the built-in grants, {@code https://} (plain {@code http://}
   * only to a loopback address), e.g. {@code
   * https://login.microsoftonline.com/TENANT/oauth2/v2.0/token}. Default: none.
   *
   * @param oauthTokenUrl the value as written
   */
  public void setOauthTokenUrl(String oauthTokenUrl) {
    settings().set("oauthTokenUrl", oauthTokenUrl);
  }

  /**
   * The application's (client) ID at the token endpoint. Default: none.
   *
   * @param oauthClientId the value as written
   */
  public void setOauthClientId(String oauthClientId) {
    settings().set("oauthClientId", oauthClientId);
  }

  /**
   * The client secret, for the client-credentials grant; never shown. Default: none.
   *
   * @param oauthClientSecret the value as written
   */
  public void setOauthClientSecret(String oauthClientSecret) {
    settings().set("oauthClientSecret", oauthClientSecret);
  }

  /**
   * The scope asked for, e.g. {@code https://outlook.office365.com/.default} (Microsoft, app-only).
   * Default: none (the endpoint's default).
   *
   * @param oauthScope the value as written
   */
  public void setOauthScope(String oauthScope) {
    settings().set("oauthScope", oauthScope);
  }

  /**
   * A refresh token: with it, the refresh-token grant is used instead (Gmail, delegated Microsoft
   * accounts); never shown. Default: none.
   *
   * @param oauthRefreshToken the value as written
   */
  public void setOauthRefreshToken(String oauthRefreshToken) {
    settings().set("oauthRefreshToken", oauthRefreshToken);
  }
}

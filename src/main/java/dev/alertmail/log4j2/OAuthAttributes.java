package dev.alertmail.log4j2;

import dev.alertmail.config.AlertMailSettings;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;

/**
 * The attributes of {@code <AlertMail>} for OAuth 2.0 sign-in (XOAUTH2), with the names of the
 * logback.xml elements; see {@link AlertMailBuilder} and README, OAuth 2.0.
 *
 * @param <B> the builder
 */
public abstract class OAuthAttributes<B extends OAuthAttributes<B>> extends RouteAttributes<B> {

  @PluginBuilderAttribute private String oauthTokenCommand;

  @PluginBuilderAttribute private String oauthTokenFile;

  @PluginBuilderAttribute private String oauthTokenUrl;

  @PluginBuilderAttribute private String oauthClientId;

  @PluginBuilderAttribute(sensitive = true)
  private String oauthClientSecret;

  @PluginBuilderAttribute private String oauthScope;

  @PluginBuilderAttribute(sensitive = true)
  private String oauthRefreshToken;

  OAuthAttributes() {}

  /**
   * A command whose standard output is the XOAUTH2 access token, or JSON with {@code access_token}
   * and {@code expires_in} (as {@code gcloud auth print-access-token} or {@code az account
   * get-access-token -o json} print). Run directly, never through a shell, bounded by {@code
   * readTimeout}. Default: none.
   *
   * @param oauthTokenCommand the value as written
   * @return this builder
   */
  public B setOauthTokenCommand(String oauthTokenCommand) {
    this.oauthTokenCommand = oauthTokenCommand;
    return asBuilder();
  }

  /**
   * A file holding the access token (bare, or JSON as above), which a sidecar or a secrets agent
   * refreshes; read again when it changes. Default: none.
   *
   * @param oauthTokenFile the value as written
   * @return this builder
   */
  public B setOauthTokenFile(String oauthTokenFile) {
    this.oauthTokenFile = oauthTokenFile;
    return asBuilder();
  }

  /**
   * The OAuth 2.0 token endpoint of the built-in grants, {@code https://} (plain {@code http://}
   * only to a loopback address), e.g. {@code
   * https://login.microsoftonline.com/TENANT/oauth2/v2.0/token}. Default: none.
   *
   * @param oauthTokenUrl the value as written
   * @return this builder
   */
  public B setOauthTokenUrl(String oauthTokenUrl) {
    this.oauthTokenUrl = oauthTokenUrl;
    return asBuilder();
  }

  /**
   * The application's (client) ID at the token endpoint. Default: none.
   *
   * @param oauthClientId the value as written
   * @return this builder
   */
  public B setOauthClientId(String oauthClientId) {
    this.oauthClientId = oauthClientId;
    return asBuilder();
  }

  /**
   * The client secret, for the client-credentials grant; never shown. Default: none.
   *
   * @param oauthClientSecret the value as written
   * @return this builder
   */
  public B setOauthClientSecret(String oauthClientSecret) {
    this.oauthClientSecret = oauthClientSecret;
    return asBuilder();
  }

  /**
   * The scope asked for, e.g. {@code https://outlook.office365.com/.default} (Microsoft, app-only).
   * Default: none (the endpoint's default).
   *
   * @param oauthScope the value as written
   * @return this builder
   */
  public B setOauthScope(String oauthScope) {
    this.oauthScope = oauthScope;
    return asBuilder();
  }

  /**
   * A refresh token: with it, the refresh-token grant is used instead (Gmail, delegated Microsoft
   * accounts); never shown. Default: none.
   *
   * @param oauthRefreshToken the value as written
   * @return this builder
   */
  public B setOauthRefreshToken(String oauthRefreshToken) {
    this.oauthRefreshToken = oauthRefreshToken;
    return asBuilder();
  }

  @Override
  void fill(AlertMailSettings settings) {
    super.fill(settings);
    settings.set("oauthTokenCommand", oauthTokenCommand);
    settings.set("oauthTokenFile", oauthTokenFile);
    settings.set("oauthTokenUrl", oauthTokenUrl);
    settings.set("oauthClientId", oauthClientId);
    settings.set("oauthClientSecret", oauthClientSecret);
    settings.set("oauthScope", oauthScope);
    settings.set("oauthRefreshToken", oauthRefreshToken);
  }
}

package dev.alertmail.config;

import dev.alertmail.oauth.TokenCache;
import dev.alertmail.oauth.TokenSource;
import dev.alertmail.oauth.TokenSources;
import dev.alertmail.smtp.AuthMechanism;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** The checks of the OAuth 2.0 settings, which together make one token source or none. */
public final class OAuthChecks {

  private final List<String> problems;

  /** Checks that add each problem to the list. */
  public OAuthChecks(List<String> problems) {
    this.problems = problems;
  }

  /** {@return the token source's cache, or null when none is configured or a problem was found} */
  public TokenCache tokens(
      AlertMailSettings settings,
      AuthMechanism mechanism,
      SSLContext trust,
      Duration connectTimeout,
      Duration readTimeout) {
    String command = settings.get("oauthTokenCommand");
    String file = settings.get("oauthTokenFile");
    String url = settings.get("oauthTokenUrl");
    List<String> sources = new ArrayList<>();
    for (String name : List.of("oauthTokenCommand", "oauthTokenFile", "oauthTokenUrl")) {
      if (settings.get(name) != null) {
        sources.add("<" + name + ">");
      }
    }
    if (url == null) {
      for (String name :
          List.of("oauthClientId", "oauthClientSecret", "oauthScope", "oauthRefreshToken")) {
        if (settings.get(name) != null) {
          problems.add(
              "<"
                  + name
                  + "> is set but <oauthTokenUrl> is not: the built-in grants ask"
                  + " the token endpoint, e.g. <oauthTokenUrl>https://login.microsoftonline.com/"
                  + "TENANT/oauth2/v2.0/token</oauthTokenUrl>.");
        }
      }
    }
    if (sources.size() > 1) {
      problems.add(String.join(" and ", sources) + " are both set: choose one token source.");
      return null;
    }
    if (sources.isEmpty()) {
      if (mechanism == AuthMechanism.XOAUTH2 && settings.get("password") == null) {
        problems.add(
            "<authMechanism>XOAUTH2</authMechanism> needs a token source: set"
                + " <oauthTokenCommand>, <oauthTokenFile> or <oauthTokenUrl> (see README, OAuth"
                + " 2.0), or give a token that does not expire in <password>.");
      }
      return null;
    }
    TokenSource source;
    if (command != null) {
      try {
        source = TokenSources.command(command, readTimeout);
      } catch (IllegalArgumentException e) {
        problems.add("<oauthTokenCommand> is empty: write the command that prints the token.");
        return null;
      }
    } else if (file != null) {
      // a sidecar may write the file after the application starts: a missing file is a
      // transient failure of the first mail, not a reason to stay silent
      source = TokenSources.file(Path.of(file.strip()));
    } else {
      source = endpoint(settings, url, trust, connectTimeout, readTimeout);
      if (source == null) {
        return null;
      }
    }
    return new TokenCache(source, InstantSource.system());
  }

  private TokenSource endpoint(
      AlertMailSettings settings,
      String url,
      SSLContext trust,
      Duration connectTimeout,
      Duration readTimeout) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      problems.add(
          "<oauthTokenUrl> is not a URL: write e.g. <oauthTokenUrl>https://"
              + "login.microsoftonline.com/TENANT/oauth2/v2.0/token</oauthTokenUrl>.");
      return null;
    }
    if (!TokenSources.isAcceptable(uri)) {
      problems.add(
          "<oauthTokenUrl> must be https:// (plain http:// only to a loopback address,"
              + " for a local token agent): the client secret travels in it.");
      return null;
    }
    String clientId = settings.get("oauthClientId");
    String secret = settings.get("oauthClientSecret");
    String refresh = settings.get("oauthRefreshToken");
    if (clientId == null) {
      problems.add("<oauthTokenUrl> needs <oauthClientId>: the application's (client) ID.");
      return null;
    }
    if (secret == null && refresh == null) {
      problems.add(
          "<oauthTokenUrl> needs <oauthClientSecret> for the client-credentials grant,"
              + " or <oauthRefreshToken> for the refresh-token grant.");
      return null;
    }
    return TokenSources.endpoint(
        uri,
        clientId.strip(),
        secret,
        settings.get("oauthScope"),
        refresh,
        trust,
        connectTimeout,
        readTimeout);
  }
}

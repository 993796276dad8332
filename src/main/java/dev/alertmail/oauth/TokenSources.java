package dev.alertmail.oauth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import javax.net.ssl.SSLContext;

/** Makes the token source the settings name: a command, a file, or a token endpoint. */
public final class TokenSources {

  private TokenSources() {}

  /** {@return a source running the command} */
  public static TokenSource command(String commandLine, Duration timeout) {
    return new TokenCommand(commandLine, timeout, InstantSource.system());
  }

  /** {@return a source reading the file, again whenever it changed} */
  public static TokenSource file(Path file) {
    return new TokenFile(file, InstantSource.system());
  }

  /**
   * {@return a source asking the token endpoint}: the refresh-token grant when {@code refreshToken}
   * is given, the client-credentials grant otherwise
   */
  public static TokenSource endpoint(
      URI url,
      String clientId,
      String clientSecret,
      String scope,
      String refreshToken,
      SSLContext sslContext,
      Duration connectTimeout,
      Duration readTimeout) {
    return new TokenEndpoint(
        url,
        clientId,
        clientSecret,
        scope,
        refreshToken,
        sslContext,
        connectTimeout,
        readTimeout,
        InstantSource.system());
  }

  /** Whether a token URL may be used: https, or http to a loopback address (a local agent). */
  public static boolean isAcceptable(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
    String host = url.getHost() == null ? "" : url.getHost();
    if (scheme.equals("https")) {
      return !host.isEmpty();
    }
    // a literal loopback address or localhost: a name such as 127.example.net is not one
    return scheme.equals("http")
        && (host.equals("localhost")
            || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
            || host.equals("[::1]")
            || host.equals("::1"));
  }
}

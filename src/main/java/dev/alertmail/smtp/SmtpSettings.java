package dev.alertmail.smtp;

import dev.alertmail.oauth.TokenCache;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * One server and how to talk to it.
 *
 * <p>Checked when built, so that a session never starts from a value it cannot send safely. {@link
 * #toString()} never shows the password.
 *
 * @param host the server's host name or address literal
 * @param port the server's port, 1 to 65535
 * @param tls how the connection is protected
 * @param username the AUTH user name; null or empty means no AUTH
 * @param password the AUTH password; required when {@code username} is set
 * @param authMechanism the AUTH mechanism to use, or null for the best the server offers (PLAIN,
 *     then LOGIN)
 * @param localhost the name sent with EHLO/HELO, already computed by the caller (an address literal
 *     such as {@code [127.0.0.1]} is valid)
 * @param connectTimeout the bound on establishing the connection (and the TLS handshake)
 * @param readTimeout the bound on every wait for the server
 * @param sslContext the context for TLS connections, or null for the JVM's default trust
 * @param tokens where XOAUTH2 access tokens come from, or null when no token source is configured
 */
public record SmtpSettings(
    String host,
    int port,
    TlsMode tls,
    String username,
    String password,
    AuthMechanism authMechanism,
    String localhost,
    Duration connectTimeout,
    Duration readTimeout,
    SSLContext sslContext,
    TokenCache tokens) {

  /** Settings without a token source. */
  public SmtpSettings(
      String host,
      int port,
      TlsMode tls,
      String username,
      String password,
      AuthMechanism authMechanism,
      String localhost,
      Duration connectTimeout,
      Duration readTimeout,
      SSLContext sslContext) {
    this(
        host,
        port,
        tls,
        username,
        password,
        authMechanism,
        localhost,
        connectTimeout,
        readTimeout,
        sslContext,
        null);
  }

  /**
   * Validates every field.
   *
   * @throws IllegalArgumentException if a value is missing, out of range or contains CR or LF
   * @throws NullPointerException if a required value is null
   */
  public SmtpSettings {
    requireText(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 <= port <= 65535: " + port);
    }
    Objects.requireNonNull(tls, "tls");
    requireText(localhost, "localhost");
    if (localhost.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
      throw new IllegalArgumentException("localhost must be printable ASCII without spaces");
    }
    if (username != null && username.isEmpty()) {
      username = null;
    }
    if (username != null) {
      if (password == null && tokens == null) {
        throw new NullPointerException("password or a token source is required with username");
      }
      // NUL separates the fields of AUTH PLAIN; CR/LF would end a command line
      if (hasLineBreakOrNul(username)) {
        throw new IllegalArgumentException("username must not contain CR, LF or NUL");
      }
      if (password != null && hasLineBreakOrNul(password)) {
        // the message deliberately says nothing about the password's content
        throw new IllegalArgumentException("password must not contain CR, LF or NUL");
      }
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
  }

  /**
   * {@return the same settings for another server}, as a relay list or MX routing needs for each
   * host it tries
   */
  public SmtpSettings withServer(String host, int port) {
    return new SmtpSettings(
        host,
        port,
        tls,
        username,
        password,
        authMechanism,
        localhost,
        connectTimeout,
        readTimeout,
        sslContext,
        tokens);
  }

  /** {@return true when a user name is set, so the session authenticates} */
  boolean hasCredentials() {
    return username != null;
  }

  /** {@return the server as {@code host:port}} */
  String server() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  /** {@return the settings with the password masked} */
  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", tls="
        + tls
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : "****")
        + ", authMechanism="
        + authMechanism
        + ", localhost="
        + localhost
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", sslContext="
        + (sslContext == null ? "default" : sslContext.getProtocol())
        + (tokens == null ? "" : ", tokens=" + tokens.describe())
        + "]";
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (hasLineBreakOrNul(value)) {
      throw new IllegalArgumentException(name + " must not contain CR, LF or NUL");
    }
  }

  private static boolean hasLineBreakOrNul(String value) {
    return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0;
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    if (value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " is too long: " + value);
    }
  }
}

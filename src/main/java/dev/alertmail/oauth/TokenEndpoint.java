package dev.alertmail.oauth;

import dev.alertmail.text.UntrustedText;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * An OAuth 2.0 token endpoint (RFC 6749 §4.4 and §6), asked with the JDK's HTTP client: the
 * client-credentials grant (Microsoft's app-only SMTP) or the refresh-token grant (Gmail, delegated
 * Microsoft accounts). HTTPS with host names verified and the trust store applied; plain HTTP only
 * to a loopback address. A refresh token the endpoint rotates is kept for the next request.
 */
final class TokenEndpoint implements TokenSource {

  private final URI url;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private volatile String refreshToken;
  // the one configured: an endpoint may echo it even after it rotated
  private final String firstRefreshToken;
  private final HttpClient http;
  private final Duration timeout;
  private final InstantSource clock;

  TokenEndpoint(
      URI url,
      String clientId,
      String clientSecret,
      String scope,
      String refreshToken,
      SSLContext sslContext,
      Duration connectTimeout,
      Duration readTimeout,
      InstantSource clock) {
    this.url = url;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.refreshToken = refreshToken;
    this.firstRefreshToken = refreshToken;
    var builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.http = builder.build();
    this.timeout = readTimeout;
    this.clock = clock;
  }

  @Override
  public AccessToken fetch() throws TokenException {
    Map<String, String> form = new LinkedHashMap<>();
    if (refreshToken != null) {
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", refreshToken);
    } else {
      form.put("grant_type", "client_credentials");
    }
    form.put("client_id", clientId);
    if (clientSecret != null) {
      form.put("client_secret", clientSecret);
    }
    if (scope != null) {
      form.put("scope", scope);
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(timeout)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Accept", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TokenException(
          describe() + " did not answer: " + e.getClass().getSimpleName() + " " + e.getMessage(),
          true,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException(describe() + " was interrupted", true, e);
    }
    return answer(response.statusCode(), response.body());
  }

  private AccessToken answer(int status, String body) throws TokenException {
    Map<String, String> fields;
    try {
      fields = JsonFields.parse(body);
    } catch (IllegalArgumentException e) {
      fields = Map.of();
    }
    if (status == 200 && fields.get("access_token") != null) {
      if (fields.get("refresh_token") != null) {
        refreshToken = fields.get("refresh_token"); // rotated: the old one may stop working
      }
      return TokenText.token(
          fields.get("access_token"),
          TokenText.expiry(fields, clock.instant()),
          fields.get("scope"),
          describe());
    }
    if (status == 200) {
      throw new TokenException(
          describe() + " answered without an access_token (is oauthTokenUrl the token endpoint?)",
          false,
          null);
    }
    // an endpoint that echoes the request would show the secret and the refresh token it was sent
    String error = shown(fields.getOrDefault("error", "HTTP " + status));
    String detail = fields.getOrDefault("error_description", "");
    // 400 and 401 are the endpoint's verdict on the request (client, secret, grant, scope)
    boolean permanent = status == 400 || status == 401;
    throw new TokenException(
        describe()
            + " refused: "
            + error
            + advice(error, detail)
            + (detail.isEmpty() ? "" : " (" + firstLine(shown(detail)) + ")"),
        !permanent,
        null);
  }

  private static String advice(String error, String detail) {
    if (detail.contains("AADSTS7000222")) {
      return ": the client secret has expired; create a new one (Azure portal, App registrations,"
          + " Certificates & secrets) and set oauthClientSecret";
    }
    return switch (error) {
      case "invalid_client" -> ": check oauthClientId and oauthClientSecret";
      case "invalid_grant" ->
          ": the refresh token is no longer valid; obtain a new one and set oauthRefreshToken";
      case "invalid_scope" -> ": check oauthScope";
      case "unauthorized_client" -> ": the app may not use this grant; check its registration";
      default -> "";
    };
  }

  /** The endpoint's words with every secret it was sent, and anything like a token, masked. */
  private String shown(String text) {
    return UntrustedText.masked(text, Arrays.asList(clientSecret, refreshToken, firstRefreshToken));
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public String describe() {
    return url + (refreshToken != null ? " (refresh token)" : " (client credentials)");
  }
}

package dev.alertmail.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in grants against a token endpoint in the test JVM (the JDK's HttpServer). */
class TokenEndpointTest {

  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private volatile int status = 200;
  private volatile String body;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final InstantSource clock = () -> now.get();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          String form =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
          String answer =
              body != null
                  ? body
                  : "{\"access_token\":\"tok"
                      + requests.size()
                      + "\",\"expires_in\":120,\"token_type\":\"Bearer\",\"scope\":\"https://outlook.office365.com/.default\"}";
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private TokenEndpoint endpoint(String refreshToken) {
    return new TokenEndpoint(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token"),
        "app-123",
        refreshToken == null ? "s3cret-value" : null,
        "https://outlook.office365.com/.default",
        refreshToken,
        null,
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        clock);
  }

  /**
   * An endpoint (or a proxy in front of it) that echoes the request in its error would print the
   * client secret and the refresh token into a log: they are masked, and so is anything shaped like
   * a token, and the endpoint's control characters are shown escaped.
   */
  @Test
  void anEndpointThatEchoesTheRequestNeverPrintsTheSecretsItWasSent() throws Exception {
    String refresh = "1//0gRefreshTokenValue-abcdefghijklmnopqrstuvwxyz0123456789";
    status = 400;
    body =
        "{\"error\":\"invalid_request\",\"error_description\":\"bad request: grant_type="
            + "refresh_token&refresh_token="
            + refresh
            + "&client_secret=s3cret-value \\u001b[2J eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            + "c2lnbmF0dXJlLXZhbHVlLTEyMzQ1\"}";
    TokenEndpoint withRefresh = endpoint(refresh);
    TokenException refreshRefused = assertThrows(TokenException.class, withRefresh::fetch);
    body = body.replace(refresh, "s3cret-value");
    TokenException secretRefused = assertThrows(TokenException.class, endpoint(null)::fetch);

    for (TokenException e : List.of(refreshRefused, secretRefused)) {
      String message = e.getMessage();
      assertTrue(message.contains("invalid_request"), message);
      assertFalse(message.contains(refresh), message);
      assertFalse(message.contains("s3cret-value"), message);
      assertFalse(message.contains("eyJhbGciOiJSUzI1NiJ9"), "a JWT is masked: " + message);
      assertFalse(message.chars().anyMatch(c -> c < 0x20), message);
      assertTrue(message.contains("refresh_token=****"), message);
    }
  }

  @Test
  void theClientCredentialsGrantPostsTheFormAndReadsTheToken() throws Exception {
    AccessToken token = endpoint(null).fetch();

    assertEquals("tok1", token.value());
    assertEquals(now.get().plusSeconds(120), token.expiresAt());
    assertEquals(
        "grant_type=client_credentials&client_id=app-123&client_secret=s3cret-value"
            + "&scope=https://outlook.office365.com/.default",
        requests.get(0));
    assertFalse(token.toString().contains("tok1"), "a token is never shown: " + token);
  }

  @Test
  void theCacheKeepsATokenUntilAMinuteBeforeItExpires() throws Exception {
    TokenCache cache = new TokenCache(endpoint(null), clock);
    AccessToken first = cache.get();
    now.set(now.get().plusSeconds(59));
    assertSame(first, cache.get());
    assertEquals(1, requests.size());

    now.set(now.get().plusSeconds(2)); // 61 s in: within the last minute of 120
    assertEquals("tok2", cache.get().value());
    assertEquals(2, requests.size());
  }

  @Test
  void theRefreshTokenGrantKeepsARotatedRefreshToken() throws Exception {
    body = "{\"access_token\":\"a1\",\"expires_in\":3600,\"refresh_token\":\"r2\"}";
    TokenEndpoint endpoint = endpoint("r1");
    endpoint.fetch();
    endpoint.fetch();

    assertTrue(
        requests.get(0).startsWith("grant_type=refresh_token&refresh_token=r1&client_id=app-123"));
    assertTrue(requests.get(1).contains("refresh_token=r2"), requests.get(1));
    assertTrue(endpoint.describe().endsWith("(refresh token)"));
  }

  @Test
  void anExpiredClientSecretIsPermanentAndSaysWhatToDoWithoutTheSecret() {
    status = 401;
    body =
        "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000222: The provided client"
            + " secret keys for app 'app-123' are expired.\"}";

    TokenException e = assertThrows(TokenException.class, () -> endpoint(null).fetch());

    assertFalse(e.isTransient());
    assertTrue(e.getMessage().contains("the client secret has expired"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret-value"), e.getMessage());
  }

  @Test
  void anEndpointThatIsDownIsTransient() {
    status = 503;
    body = "unavailable";
    TokenException e = assertThrows(TokenException.class, () -> endpoint(null).fetch());
    assertTrue(e.isTransient(), e.getMessage());

    server.stop(0);
    TokenException down = assertThrows(TokenException.class, () -> endpoint(null).fetch());
    assertTrue(down.isTransient(), down.getMessage());
  }
}

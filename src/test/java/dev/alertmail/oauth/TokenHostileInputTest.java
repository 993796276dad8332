package dev.alertmail.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a token source prints, the result is a token or a clear TokenException. */
class TokenHostileInputTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"access_token\":\"a\\u12",
        "{\"access_token\":\"unterminated",
        "{\"access_token\": [1, {\"x\": ",
        "{",
        "{\"a\" 1}"
      })
  void brokenJsonIsAClearError(String text) {
    TokenException e =
        assertThrows(TokenException.class, () -> TokenText.parse(text, NOW, "command x"));
    assertFalse(e.isTransient());
    assertTrue(e.getMessage().startsWith("command x"), e.getMessage());
  }

  @Test
  void anAbsurdExpiryIsTreatedAsUnknown() throws Exception {
    AccessToken token =
        TokenText.parse(
            "{\"access_token\":\"t\",\"expires_in\":99999999999999999999}", NOW, "file f");
    assertNull(token.expiresAt());
    assertEquals(
        null,
        TokenText.parse("{\"access_token\":\"t\",\"expires_on\":9223372036854775807}", NOW, "f")
            .expiresAt());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.evil.example/token",
        "http://login.example.com/token",
        "ftp://127.0.0.1/token",
        "https:///token"
      })
  void onlyHttpsOrALiteralLoopbackIsAcceptable(String url) {
    assertFalse(TokenSources.isAcceptable(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://login.microsoftonline.com/x/oauth2/v2.0/token",
        "http://127.0.0.1:8080/token",
        "http://localhost/token",
        "http://[::1]:9/token"
      })
  void httpsAndLoopbackAreAcceptable(String url) {
    assertTrue(TokenSources.isAcceptable(URI.create(url)));
  }
}

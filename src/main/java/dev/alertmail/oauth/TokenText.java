package dev.alertmail.oauth;

import java.time.Instant;
import java.util.Map;

/**
 * A token as a command prints it or a file holds it: the bare token, or a JSON object with {@code
 * access_token} (or {@code accessToken}, as {@code az account get-access-token} prints) and {@code
 * expires_in} seconds or {@code expires_on} epoch seconds.
 */
final class TokenText {

  private TokenText() {}

  static AccessToken parse(String text, Instant now, String source) throws TokenException {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new TokenException(source + " gave no token (empty output)", false, null);
    }
    if (!trimmed.startsWith("{")) {
      return token(trimmed, null, null, source);
    }
    Map<String, String> fields;
    try {
      fields = JsonFields.parse(trimmed);
    } catch (IllegalArgumentException e) {
      throw new TokenException(source + " printed JSON that could not be read", false, null);
    }
    String value = fields.getOrDefault("access_token", fields.get("accessToken"));
    if (value == null) {
      throw new TokenException(
          source + " printed JSON without access_token (fields: " + fields.keySet() + ")",
          false,
          null);
    }
    return token(value, expiry(fields, now), fields.get("scope"), source);
  }

  static Instant expiry(Map<String, String> fields, Instant now) {
    try {
      if (fields.get("expires_in") != null) {
        return now.plusSeconds(Long.parseLong(fields.get("expires_in").strip()));
      }
      if (fields.get("expires_on") != null) {
        return Instant.ofEpochSecond(Long.parseLong(fields.get("expires_on").strip()));
      }
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
      // an unreadable or absurd expiry is treated as unknown
    }
    return null;
  }

  static AccessToken token(String value, Instant expiresAt, String scopes, String source)
      throws TokenException {
    try {
      return new AccessToken(value, expiresAt, scopes, source);
    } catch (IllegalArgumentException e) {
      throw new TokenException(
          source + " gave a token with spaces or control characters", false, null);
    }
  }
}

package dev.alertmail.oauth;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth 2.0 access token and what is known of it. {@link #toString()} never shows the token.
 *
 * @param value the bearer token; never shown
 * @param expiresAt when it expires, or null when the source did not say
 * @param scopes the scopes granted, space-separated, or null when not known
 * @param source where it came from, for a person: {@code command az}, {@code file ...}, {@code
 *     https://login.../token (client credentials)}
 */
public record AccessToken(String value, Instant expiresAt, String scopes, String source) {

  /** Checks that the token can travel in an SMTP command. */
  public AccessToken {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("an access token is printable ASCII without spaces");
    }
  }

  @Override
  public String toString() {
    return "AccessToken[****, expiresAt=" + expiresAt + ", scopes=" + scopes + ", " + source + "]";
  }

  /**
   * {@return what a person may know of the token: its source, expiry and scopes}, the scopes from
   * the token response or, for a JWT (as Microsoft issues), its {@code scp} claim; never the token
   */
  public String describe() {
    String known = scopes != null ? scopes : jwtClaim("scp");
    Instant expiry = expiresAt != null ? expiresAt : jwtExpiry();
    return "from "
        + source
        + (expiry == null ? ", expiry not known" : ", valid until " + expiry)
        + (known == null ? "" : ", scopes " + known);
  }

  private String jwtClaim(String name) {
    String[] parts = value.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    try {
      String payload =
          new String(
              java.util.Base64.getUrlDecoder().decode(parts[1]),
              java.nio.charset.StandardCharsets.UTF_8);
      return JsonFields.parse(payload).get(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Instant jwtExpiry() {
    String exp = jwtClaim("exp");
    try {
      return exp == null ? null : Instant.ofEpochSecond(Long.parseLong(exp));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }
}

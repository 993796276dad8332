package dev.alertmail.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Keeps a token until shortly before it expires, so each session does not ask again; a token whose
 * expiry is not known is kept for {@link #UNKNOWN_LIFETIME}. After the server refused a token,
 * {@link #refresh()} asks the source again at once. Used by the sender thread only.
 */
public final class TokenCache {

  /** How long before its expiry a token is replaced. */
  static final Duration MARGIN = Duration.ofSeconds(60);

  /** How long a token of unknown expiry is used before the source is asked again. */
  static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);

  private final TokenSource source;
  private final InstantSource clock;
  private AccessToken token;
  private Instant replaceAt;

  /** A cache in front of the source, on the given clock. */
  public TokenCache(TokenSource source, InstantSource clock) {
    this.source = source;
    this.clock = clock;
  }

  /** {@return a token that is not about to expire}, from the source if needed */
  public synchronized AccessToken get() throws TokenException {
    if (token == null || !clock.instant().isBefore(replaceAt)) {
      return refresh();
    }
    return token;
  }

  /** {@return a new token from the source}, replacing the one the server refused */
  public synchronized AccessToken refresh() throws TokenException {
    try {
      token = source.fetch();
    } catch (RuntimeException e) {
      // a bug or a hostile answer must cost this attempt, reported, never the sender thread
      throw new TokenException(source.describe() + " failed: " + e, false, e);
    }
    Instant now = clock.instant();
    replaceAt =
        token.expiresAt() == null ? now.plus(UNKNOWN_LIFETIME) : token.expiresAt().minus(MARGIN);
    return token;
  }

  /** {@return where tokens come from, for a person} */
  public String describe() {
    return source.describe();
  }
}

package dev.alertmail.oauth;

/**
 * Where an access token comes from: a command, a file, or a token endpoint. Called on the sender
 * thread, never on a logging thread.
 */
public interface TokenSource {

  /**
   * Obtains a token now.
   *
   * @throws TokenException when none could be had; {@link TokenException#isTransient()} says
   *     whether trying later may help
   */
  AccessToken fetch() throws TokenException;

  /** {@return where tokens come from, for a person, without any secret} */
  String describe();
}

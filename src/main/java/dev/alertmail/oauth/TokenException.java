package dev.alertmail.oauth;

import dev.alertmail.text.UntrustedText;

/** No access token could be obtained. Never carries a secret in its message. */
public final class TokenException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  TokenException(String message, boolean transientFailure, Throwable cause) {
    // what an endpoint or a command printed is part of it: shown escaped, never as control codes
    super(UntrustedText.visible(message), cause);
    this.transientFailure = transientFailure;
  }

  /** {@return true when the source may answer later (endpoint down, timeout)} */
  public boolean isTransient() {
    return transientFailure;
  }
}

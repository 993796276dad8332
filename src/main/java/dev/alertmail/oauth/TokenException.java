package dev.alertmail.oauth;

/** No access token could be obtained. Never carries a secret in its message. */
public final class TokenException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  TokenException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** {@return true when the source may answer later (endpoint down, timeout)} */
  public boolean isTransient() {
    return transientFailure;
  }
}

package dev.alertmail.smtp;

/** How a session protects the connection to the server. */
public enum TlsMode {
  /** Plain text only; credentials, if set, are sent in clear text. Explicit opt-in. */
  NONE,
  /** STARTTLS when the server offers it, plain text otherwise (but never AUTH in plain text). */
  OPPORTUNISTIC,
  /** STARTTLS is required: a server that does not offer it is an error. */
  STARTTLS,
  /** TLS from the first byte (SMTPS, usually port 465). */
  IMPLICIT
}

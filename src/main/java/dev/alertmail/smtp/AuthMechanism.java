package dev.alertmail.smtp;

/** SASL mechanisms the client can use for SMTP AUTH (RFC 4954). */
public enum AuthMechanism {
  /** {@code AUTH LOGIN}: user name and password in two base64 steps. */
  LOGIN,
  /** {@code AUTH PLAIN} (RFC 4616) with an initial response. */
  PLAIN,
  /** {@code AUTH XOAUTH2}: an OAuth 2.0 bearer token, as Google and Microsoft document it. */
  XOAUTH2
}

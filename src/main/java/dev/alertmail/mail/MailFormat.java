package dev.alertmail.mail;

/** Which bodies an alert mail carries. */
public enum MailFormat {
  /** A single {@code text/html} part. */
  HTML,
  /** A single {@code text/plain} part. */
  TEXT,
  /** {@code multipart/alternative}: plain text first, then HTML (the default). */
  BOTH
}

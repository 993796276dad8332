package dev.alertmail.smtp;

/**
 * Receives the SMTP dialogue one line at a time, for diagnostics.
 *
 * <p>Lines look like {@code "C: EHLO app1.example.com"} (client) and {@code "S: 250 ok"} (server).
 * Credentials never reach a transcript: AUTH payloads are recorded as {@code "C: <credentials
 * masked>"}, and message content only as {@code "C: <message: N bytes>"}.
 */
@FunctionalInterface
public interface Transcript {

  /** A transcript that discards every line. */
  Transcript NONE = line -> {};

  /**
   * Records one line of the dialogue, without line terminator.
   *
   * @param line the line, prefixed with {@code "C: "} or {@code "S: "}
   */
  void record(String line);
}

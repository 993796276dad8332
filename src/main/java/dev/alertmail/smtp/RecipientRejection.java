package dev.alertmail.smtp;

import java.util.Objects;

/**
 * A recipient the server refused in {@code RCPT TO}.
 *
 * @param recipient the address as given in the envelope
 * @param reply the server's reply; {@link SmtpReply#isTransientFailure()} tells whether a later
 *     attempt may succeed
 */
public record RecipientRejection(String recipient, SmtpReply reply) {

  /** Checks that both parts are present. */
  public RecipientRejection {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(reply, "reply");
  }
}

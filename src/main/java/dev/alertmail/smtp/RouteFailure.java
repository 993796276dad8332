package dev.alertmail.smtp;

import java.util.List;
import java.util.Objects;

/**
 * Recipients no server accepted the message for.
 *
 * @param destination the relays, or the recipients' domain under MX routing
 * @param recipients the recipients that did not receive the message
 * @param cause the failure; its message lists every server tried, {@link
 *     SmtpException#isTransient()} says whether a later attempt may succeed
 */
public record RouteFailure(String destination, List<String> recipients, SmtpException cause) {

  /** Checks the fields and copies the list. */
  public RouteFailure {
    Objects.requireNonNull(destination, "destination");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(cause, "cause");
  }
}

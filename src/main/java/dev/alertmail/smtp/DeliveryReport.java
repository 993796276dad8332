package dev.alertmail.smtp;

import java.util.List;
import java.util.Objects;

/**
 * What one successful session delivered: the message was accepted for at least one recipient.
 *
 * @param server the server as {@code host:port}
 * @param accepted recipients the server accepted, in envelope order
 * @param rejected recipients the server refused, in envelope order
 */
public record DeliveryReport(
    String server, List<String> accepted, List<RecipientRejection> rejected) {

  /** Takes unmodifiable copies of the lists. */
  public DeliveryReport {
    Objects.requireNonNull(server, "server");
    accepted = List.copyOf(accepted);
    rejected = List.copyOf(rejected);
  }
}

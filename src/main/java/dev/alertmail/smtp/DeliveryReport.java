package dev.alertmail.smtp;

import java.util.List;
import java.util.Objects;

/**
 * What one successful session delivered: the message was accepted for at least one recipient.
 *
 * @param server the server as {@code host:port}
 * @param accepted recipients the server accepted, in envelope order
 * @param rejected recipients the server refused, in envelope order
 * @param queued the server's reply to the end of the message, which usually names its queue id
 *     ({@code 250 2.0.0 Ok: queued as 4XkR2m0Zz1z9}); empty when not known
 */
public record DeliveryReport(
    String server, List<String> accepted, List<RecipientRejection> rejected, String queued) {

  /** Takes unmodifiable copies of the lists. */
  public DeliveryReport {
    Objects.requireNonNull(server, "server");
    accepted = List.copyOf(accepted);
    rejected = List.copyOf(rejected);
    queued = queued == null ? "" : queued;
  }

  /** A report without the server's final reply. */
  public DeliveryReport(String server, List<String> accepted, List<RecipientRejection> rejected) {
    this(server, accepted, rejected, "");
  }
}

package dev.alertmail.smtp;

import java.util.List;

/**
 * What became of one message: the sessions that delivered it and the recipients no server took.
 *
 * @param delivered one report per successful session (one per relay delivery or MX domain)
 * @param failed the recipients that were not delivered, grouped by destination
 */
public record TransportReport(List<DeliveryReport> delivered, List<RouteFailure> failed) {

  /** Copies the lists. */
  public TransportReport {
    delivered = List.copyOf(delivered);
    failed = List.copyOf(failed);
  }

  /** {@return true when a later attempt may deliver to the failed recipients} */
  public boolean hasTransientFailure() {
    return failed.stream().anyMatch(f -> f.cause().isTransient());
  }
}

package dev.alertmail.delivery;

/** What became of one mail, so the sender knows whether to retry it. */
enum DeliveryOutcome {
  /** At least one recipient accepted it; rejected recipients were reported. */
  DELIVERED,
  /** Nothing accepted it, and trying again later may work (4xx, timeout, unreachable). */
  TRANSIENT_FAILURE,
  /** Nothing accepted it, and retrying will not help (5xx, certificate, configuration). */
  PERMANENT_FAILURE
}

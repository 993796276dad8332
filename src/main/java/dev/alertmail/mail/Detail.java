package dev.alertmail.mail;

import dev.alertmail.alert.Digest;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.EventBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * How much a mail shows of each problem. A mail that does not fit its size limit is made again one
 * step smaller, context first, then frames, then values, then the HTML part, down to {@link
 * #FLOOR}: the subject, the counts, every problem's line and the lead problem's message and cause
 * chain, which always go out.
 *
 * @param budget what each problem's sample may hold
 * @param fullEntries problems shown in full; the rest get one line each
 * @param html whether an HTML part may be written (the format still decides)
 */
record Detail(EventBudget budget, int fullEntries, boolean html) {

  /** Everything the alert holds. */
  static final Detail FULL = new Detail(EventBudget.DEFAULT, Wording.FULL_ENTRIES, true);

  /** The smallest mail: no context, no frames, no MDC, the text part alone. */
  static final Detail FLOOR = new Detail(new EventBudget(500, 0, 100, 0, 8, 0, 0, 200), 1, false);

  /** The steps from {@link #FULL} to {@link #FLOOR}. */
  static final List<Detail> STEPS =
      List.of(
          FULL,
          // the context goes first: the trigger and its trace matter more
          new Detail(
              new EventBudget(8_192, 10, 500, 64, 16, 8, 32, 500), Wording.FULL_ENTRIES, true),
          new Detail(new EventBudget(4_096, 0, 200, 24, 8, 4, 16, 300), Wording.FULL_ENTRIES, true),
          new Detail(new EventBudget(1_024, 0, 200, 8, 8, 2, 8, 200), 1, true),
          FLOOR);

  /** {@return the digest with each problem's sample within this step's budget} */
  Digest apply(Digest digest) {
    if (this == FULL) {
      return digest; // the alerts were made within the default budget
    }
    List<DigestEntry> entries = new ArrayList<>(digest.entries().size());
    for (DigestEntry entry : digest.entries()) {
      entries.add(
          new DigestEntry(
              entry.fingerprint(),
              entry.count(),
              entry.firstSeen(),
              entry.lastSeen(),
              budget.apply(entry.sample()),
              entry.mailedAt()));
    }
    return new Digest(
        entries,
        digest.otherEvents(),
        digest.otherKinds(),
        digest.droppedEvents(),
        digest.heldBackSince(),
        digest.atShutdown(),
        digest.news(),
        digest.overflowKinds());
  }
}

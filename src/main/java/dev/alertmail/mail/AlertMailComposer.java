package dev.alertmail.mail;

import dev.alertmail.alert.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link Digest} into a {@link MailMessage}: the subject from the first alert, the bodies
 * the format asks for, a fresh {@code Message-ID} and AlertMail's own headers.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class AlertMailComposer {

  private final MailAddress from;
  private final List<MailAddress> to;
  private final List<MailAddress> cc;
  private final List<MailAddress> bcc;
  private final MailFormat format;
  private final Origin origin;

  /**
   * Creates a composer.
   *
   * @param from the sender
   * @param to the {@code To} recipients
   * @param cc the {@code Cc} recipients, may be empty
   * @param bcc blind copy recipients, may be empty; they never appear in a header
   * @param format which bodies to write
   * @param origin application, host and time zone shown in the mail
   */
  public AlertMailComposer(
      MailAddress from,
      List<MailAddress> to,
      List<MailAddress> cc,
      List<MailAddress> bcc,
      MailFormat format,
      Origin origin) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = to == null ? List.of() : List.copyOf(to);
    this.cc = cc == null ? List.of() : List.copyOf(cc);
    this.bcc = bcc == null ? List.of() : List.copyOf(bcc);
    this.format = Objects.requireNonNull(format, "format");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * Composes the mail for a digest.
   *
   * @param digest what to report
   * @param now the time of sending, used for the {@code Date} header
   * @return the mail
   */
  public MailMessage compose(Digest digest, Instant now) {
    throw new UnsupportedOperationException("not yet");
  }
}

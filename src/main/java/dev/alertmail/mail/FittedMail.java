package dev.alertmail.mail;

import dev.alertmail.alert.Digest;
import java.time.Instant;
import java.util.Locale;

/**
 * A digest's mail, rendered to fit a size limit: a mail is never refused for its size. When the
 * whole mail is too large it is made again with less detail (see {@link Detail}) until it fits, and
 * its first lines say so; the smallest step goes out whatever its size, since it holds no more than
 * the subject, the counts and the causes.
 *
 * @param message the mail as composed
 * @param bytes the mail as it goes on the wire
 * @param shortened whether detail was left out to fit
 */
public record FittedMail(MailMessage message, byte[] bytes, boolean shortened) {

  /**
   * Composes and renders the digest's mail within {@code limit} bytes.
   *
   * @param limitName what sets the limit, said in the mail, e.g. {@code maxMailSize} or {@code the
   *     server's SIZE limit}
   * @param signer signs the mail (DKIM), or null
   */
  public static FittedMail fit(
      AlertMailComposer composer,
      Digest digest,
      Instant now,
      long limit,
      String limitName,
      DkimSigner signer) {
    MailMessage message = null;
    byte[] bytes = null;
    for (Detail detail : Detail.STEPS) {
      boolean full = detail == Detail.FULL;
      boolean last = detail == Detail.STEPS.get(Detail.STEPS.size() - 1);
      message = composer.compose(digest, now, detail, full ? null : note(limit, limitName));
      bytes = MimeRenderer.render(message);
      // signed once, as it will go out (the limit counts the signature too), and only a mail that
      // could fit: signing hashes the whole mail, which is wasted on one that is made again
      if (signer != null && (bytes.length <= limit || last)) {
        bytes = signer.sign(bytes);
      }
      if (bytes.length <= limit) {
        return new FittedMail(message, bytes, !full);
      }
    }
    return new FittedMail(message, bytes, true);
  }

  private static String note(long limit, String limitName) {
    return String.format(
        Locale.ROOT,
        "Shortened to fit %s (%,d bytes): context, stack frames and long values are cut where"
            + " marked; the application's own log has them in full.",
        limitName,
        limit);
  }
}

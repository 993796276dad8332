package dev.alertmail.mail;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mail ready to be rendered by {@link MimeRenderer}.
 *
 * @param from the sender, written in the {@code From} header
 * @param to the {@code To} recipients
 * @param cc the {@code Cc} recipients; the header is left out when empty
 * @param bcc blind copies: envelope recipients only, never written in any header
 * @param subject the subject as text; must not contain line breaks or other control characters
 *     (non-ASCII is encoded when rendered)
 * @param date the {@code Date} header
 * @param messageId the {@code Message-ID} without angle brackets, e.g. {@code uuid@example.com}
 * @param textBody the plain-text body, or null
 * @param htmlBody the HTML body, or null; at least one of the bodies must be present
 * @param extraHeaders further headers in order, e.g. {@code X-AlertMail-Count}; names are printable
 *     ASCII without {@code :}, values ASCII without control characters
 */
public record MailMessage(
    MailAddress from,
    List<MailAddress> to,
    List<MailAddress> cc,
    List<MailAddress> bcc,
    String subject,
    ZonedDateTime date,
    String messageId,
    String textBody,
    String htmlBody,
    Map<String, String> extraHeaders) {

  /**
   * Checks the fields and takes unmodifiable copies of the lists and the map.
   *
   * @throws IllegalArgumentException if there is no recipient, no body, or a header value could
   *     break out of its line
   */
  public MailMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(messageId, "messageId");
    to = to == null ? List.of() : List.copyOf(to);
    cc = cc == null ? List.of() : List.copyOf(cc);
    bcc = bcc == null ? List.of() : List.copyOf(bcc);
    extraHeaders =
        extraHeaders == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
    if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
      throw new IllegalArgumentException("a mail needs at least one recipient in to, cc or bcc");
    }
    if (textBody == null && htmlBody == null) {
      throw new IllegalArgumentException("a mail needs a text body, an HTML body or both");
    }
  }

  /** All envelope recipients: to, then cc, then bcc. */
  public List<MailAddress> recipients() {
    var all = new ArrayList<MailAddress>(to.size() + cc.size() + bcc.size());
    all.addAll(to);
    all.addAll(cc);
    all.addAll(bcc);
    return List.copyOf(all);
  }
}

package dev.alertmail.mail;

import dev.alertmail.alert.Digest;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
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
  private final TextFormatter text;
  private final HtmlFormatter html;
  private final boolean threading;
  private final String listId;
  private final String subjectNote;

  /**
   * Creates a composer.
   *
   * @param from the sender
   * @param to the {@code To} recipients
   * @param cc the {@code Cc} recipients, may be empty
   * @param bcc blind copy recipients, may be empty; they never appear in a header
   * @param format which bodies to write
   * @param origin application, host and time zone shown in the mail
   * @throws IllegalArgumentException if there is no recipient at all
   */
  public AlertMailComposer(
      MailAddress from,
      List<MailAddress> to,
      List<MailAddress> cc,
      List<MailAddress> bcc,
      MailFormat format,
      Origin origin) {
    this(from, to, cc, bcc, format, origin, true, null);
  }

  /**
   * Creates a composer.
   *
   * @param threading whether mails about one problem carry the headers that keep them in one
   *     conversation
   * @param listId the {@code List-Id}, or null for one derived from the application's name
   */
  public AlertMailComposer(
      MailAddress from,
      List<MailAddress> to,
      List<MailAddress> cc,
      List<MailAddress> bcc,
      MailFormat format,
      Origin origin,
      boolean threading,
      String listId) {
    this(from, to, cc, bcc, format, origin, threading, listId, "");
  }

  private AlertMailComposer(
      MailAddress from,
      List<MailAddress> to,
      List<MailAddress> cc,
      List<MailAddress> bcc,
      MailFormat format,
      Origin origin,
      boolean threading,
      String listId,
      String subjectNote) {
    this.threading = threading;
    this.listId = listId;
    this.subjectNote = subjectNote;
    this.from = Objects.requireNonNull(from, "from");
    this.to = to == null ? List.of() : List.copyOf(to);
    this.cc = cc == null ? List.of() : List.copyOf(cc);
    this.bcc = bcc == null ? List.of() : List.copyOf(bcc);
    this.format = Objects.requireNonNull(format, "format");
    this.origin = Objects.requireNonNull(origin, "origin");
    if (this.to.isEmpty() && this.cc.isEmpty() && this.bcc.isEmpty()) {
      throw new IllegalArgumentException(
          "alert mail needs at least one recipient in to, cc or bcc");
    }
    this.text = new TextFormatter(origin);
    this.html = new HtmlFormatter(origin);
  }

  /**
   * {@return this composer with a note after every subject}, e.g. {@code " (Alertmanager
   * unreachable)"} on the mails that stand in for a fleet's Alertmanager
   */
  public AlertMailComposer withSubjectNote(String note) {
    return new AlertMailComposer(from, to, cc, bcc, format, origin, threading, listId, note);
  }

  /**
   * Composes the mail for a digest.
   *
   * @param digest what to report
   * @param now the time of sending, used for the {@code Date} header (in the origin's zone)
   * @return the mail, with a new random {@code Message-ID} at the sender's domain
   */
  public MailMessage compose(Digest digest, Instant now) {
    return compose(digest, now, Detail.FULL, null);
  }

  /**
   * Composes the mail for a digest with the given detail; {@code note}, when not null, opens the
   * body (it says what was left out). The subject and headers never change with the detail.
   */
  MailMessage compose(Digest whole, Instant now, Detail detail, String note) {
    Objects.requireNonNull(whole, "digest");
    Digest digest = detail.apply(whole);
    String subject =
        SubjectLine.of(digest, origin.application(), origin.appPackages()) + subjectNote;
    // without its HTML part, a mail asked for as HTML keeps its text part: some part must go
    boolean htmlPart = format != MailFormat.TEXT && detail.html();
    String textBody =
        format == MailFormat.HTML && htmlPart ? null : text.format(digest, detail, note);
    String htmlBody = htmlPart ? html.format(digest, subject, detail, note) : null;
    var headers = new LinkedHashMap<String, String>();
    // RFC 3834: marks the mail as automatic, so vacation responders do not answer it; Exchange's
    // auto-replies listen to their own header
    headers.put("Auto-Submitted", "auto-generated");
    headers.put("X-Auto-Response-Suppress", "All");
    headers.put("List-Id", listId != null ? HeaderValues.ascii(listId) : defaultListId());
    if (digest.news()) {
      // only the first mail about a new problem; repeats and "still happening" are not urgent
      headers.put("Importance", "high");
      headers.put("X-Priority", "1");
    }
    headers.put("X-AlertMail-Count", Long.toString(digest.triggeringEvents()));
    if (!digest.entries().isEmpty()) {
      headers.put("X-AlertMail-Fingerprint", fingerprints(digest));
    }
    if (digest.droppedEvents() > 0) {
      headers.put("X-AlertMail-Dropped", Long.toString(digest.droppedEvents()));
    }
    headers.put("X-AlertMail-Application", HeaderValues.ascii(origin.application()));
    headers.put("X-AlertMail-Host", HeaderValues.ascii(origin.host()));
    if (threading && !digest.entries().isEmpty()) {
      headers.putAll(
          ThreadHeaders.of(
              origin.application(),
              digest.entries().get(0).fingerprint(),
              from.domain(),
              SubjectLine.topic(digest, origin.application(), origin.appPackages()),
              now));
    }
    return new MailMessage(
        from,
        to,
        cc,
        bcc,
        subject,
        ZonedDateTime.ofInstant(now, origin.zone()),
        UniqueIds.next() + "@" + from.domain(),
        textBody,
        htmlBody,
        headers);
  }

  /** {@code "shop alerts <shop.alerts.example.com>"}: one per application, for mail rules. */
  private String defaultListId() {
    String app = origin.application().isBlank() ? "alertmail" : origin.application();
    String label =
        app.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-|-$", "");
    return HeaderValues.ascii(app + " alerts")
        + " <"
        + (label.isEmpty() ? "alertmail" : label)
        + ".alerts."
        + from.domain()
        + ">";
  }

  /** Every problem's fingerprint, the lead one first, as much as fits in a header. */
  private static String fingerprints(Digest digest) {
    var all = new StringBuilder();
    for (var entry : digest.entries()) {
      if (all.length() + entry.fingerprint().length() + 2 > 800) {
        break;
      }
      if (all.length() > 0) {
        all.append(", ");
      }
      all.append(entry.fingerprint());
    }
    return all.toString();
  }
}

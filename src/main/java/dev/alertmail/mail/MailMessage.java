package dev.alertmail.mail;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    checkSubject(subject);
    checkMessageId(messageId);
    extraHeaders.forEach(MailMessage::checkExtraHeader);
  }

  /** All envelope recipients: to, then cc, then bcc. */
  public List<MailAddress> recipients() {
    var all = new ArrayList<MailAddress>(to.size() + cc.size() + bcc.size());
    all.addAll(to);
    all.addAll(cc);
    all.addAll(bcc);
    return List.copyOf(all);
  }

  // Headers the renderer writes itself; an extra header with one of these names would duplicate or
  // contradict it (and a Bcc header would disclose blind copies).
  private static final Set<String> RESERVED =
      Set.of(
          "date",
          "from",
          "sender",
          "to",
          "cc",
          "bcc",
          "message-id",
          "subject",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "x-mailer");
  // leaves room for the name on a line of at most 998 octets when a value cannot be folded
  private static final int MAX_EXTRA_VALUE = 900;

  private static void checkSubject(String subject) {
    for (int i = 0; i < subject.length(); i++) {
      char c = subject.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("the subject contains a line break");
      }
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "the subject contains the control character U+" + String.format("%04X", (int) c));
      }
    }
  }

  private static void checkMessageId(String id) {
    int at = id.indexOf('@');
    if (at <= 0 || at != id.lastIndexOf('@') || at == id.length() - 1) {
      throw new IllegalArgumentException(
          "the message id must look like unique@domain, without <>: " + visible(id));
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "the message id may hold printable ASCII only, without spaces, <, >, quotes or"
                + " backslashes: "
                + visible(id));
      }
    }
  }

  private static void checkExtraHeader(String name, String value) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("an extra header needs a name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ':') {
        throw new IllegalArgumentException(
            "the header name "
                + visible(name)
                + " may hold printable ASCII only, without spaces or ':'");
      }
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "the header " + name + " is written by the renderer and cannot be an extra header");
    }
    if (value == null) {
      throw new IllegalArgumentException("the header " + name + " needs a value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException(
            "the value of header " + name + " contains a line break");
      }
      if (c < ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(
            "the value of header "
                + name
                + " may hold printable ASCII and spaces only: "
                + visible(value));
      }
    }
    if (value.length() > MAX_EXTRA_VALUE) {
      throw new IllegalArgumentException(
          "the value of header " + name + " is longer than " + MAX_EXTRA_VALUE + " characters");
    }
  }

  /** Quotes a value for a message, with control characters made visible so it stays one line. */
  private static String visible(String s) {
    var out = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return out.append('\'').toString();
  }
}

package dev.alertmail.mail;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.Headline;
import dev.alertmail.text.UntrustedText;
import java.util.List;

/**
 * Makes the mail's subject from the first alert's rendered subject, which is untrusted: control
 * characters and line breaks become spaces, whitespace is collapsed, and a very long subject is cut
 * at a code point boundary with an ellipsis. A note about further and dropped alerts follows the
 * alert's own subject, so the part a reader scans first stays the same.
 */
final class SubjectLine {

  // long enough for a logger and a message, short enough to read in a list of mails
  static final int MAX_CODE_POINTS = 200;
  private static final String ELLIPSIS = "\u2026";

  private SubjectLine() {}

  /**
   * A single event keeps the subject its pattern rendered; a digest takes its lead problem's and
   * adds its size after it, e.g. {@code [shop] ERROR c.s.db.ShardRouter: timeout on shard … (1,532
   * errors, 3 kinds)}.
   */
  static String of(Digest digest, String application, List<String> appPackages) {
    Alert first = digest.first();
    if (digest.isSingleEvent()) {
      String subject = clean(Headline.of(first, application, appPackages));
      if (subject.isEmpty()) {
        subject = clean(first.trigger().level() + " " + first.trigger().loggerName());
      }
      return cut(subject, MAX_CODE_POINTS);
    }
    String head = topic(digest, application, appPackages);
    if (first == null) {
      // no sample: only counts; say why, and only say "dropped" when they were
      boolean allDropped = digest.droppedEvents() == digest.triggeringEvents();
      return cut(
          head
              + " "
              + Wording.size(digest)
              + (allDropped ? " dropped (hand-off queue full)" : " counted, none kept as a sample"),
          MAX_CODE_POINTS);
    }
    boolean onlyRepeats = digest.entries().stream().allMatch(DigestEntry::isRepeat);
    String when =
        onlyRepeats && digest.droppedEvents() == 0
            ? (digest.atShutdown() ? "at shutdown: " : "still happening: ")
            : "";
    // the problem first and the same in every mail about it, so mail clients keep one
    // conversation; what changes from mail to mail (counts) comes after it
    String counts = " (" + when + Wording.size(digest).replace(" (", ", ").replace(")", "") + ")";
    int room = MAX_CODE_POINTS - counts.codePointCount(0, counts.length());
    return cut(head, room) + counts;
  }

  /**
   * {@return the part of the subject that names the lead problem}: the application and the message
   * as written in the code (arguments shown as "…"), the same from mail to mail and from instance
   * to instance; it is also the conversation's {@code Thread-Topic}. Null for no problem.
   */
  static String topic(Digest digest, String application, List<String> appPackages) {
    var subject = new StringBuilder();
    String app = clean(application);
    if (!app.isEmpty()) {
      subject.append('[').append(app).append("] ");
    }
    Alert first = digest.first();
    if (first == null) {
      return subject.toString().strip();
    }
    // the subject the lead problem's first event rendered: the same words a single mail about it
    // has, so a conversation's first mail and its digests read alike
    String rendered = clean(Headline.of(first, application, appPackages));
    if (!rendered.isEmpty()) {
      return cut(rendered, MAX_CODE_POINTS);
    }
    String template = first.trigger().messageTemplate();
    String name =
        template == null || template.isBlank()
            ? first.trigger().message()
            : template.replace("{}", "\u2026");
    return cut(subject.append(clean(name)).toString(), MAX_CODE_POINTS);
  }

  /**
   * Control characters, line and paragraph separators and runs of whitespace become one space;
   * characters that reverse or hide text (U+202E, zero-width spaces) are left out, so a logged
   * string cannot make a subject read backwards or hide a word.
   */
  static String clean(String text) {
    var out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (UntrustedText.isInvisible(cp)) {
        continue;
      }
      if (Character.isISOControl(cp)
          || Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || Character.getType(cp) == Character.SURROGATE) {
        space = true;
        continue;
      }
      if (space && out.length() > 0) {
        out.append(' ');
      }
      space = false;
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /** At most {@code max} code points, the last being an ellipsis when anything was cut. */
  static String cut(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    String head = text.substring(0, text.offsetByCodePoints(0, max - 1));
    // prefer ending at a word boundary when one is near, so the cut does not halve a word
    int space = head.lastIndexOf(' ');
    if (space > head.length() - 20 && space > 0) {
      head = head.substring(0, space);
    }
    return head.stripTrailing() + ELLIPSIS;
  }
}

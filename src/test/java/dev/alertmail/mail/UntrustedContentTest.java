package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A logged string must read as what it is: no control character drives a terminal that shows the
 * mail, and no bidirectional override or invisible character makes a subject or headline read
 * backwards or hide a word. The subject loses them; the body shows them as escapes.
 */
class UntrustedContentTest {

  // "exe.gnp" displayed reversed: the file is really "png.exe" ... or the other way round
  private static final String REVERSED = "invoice_\u202Egnp.exe";
  private static final String HIDDEN = "pass\u200Bword re\u2060set\uFEFF";
  private static final String TERMINAL = "done\u0000\u0007\u001b[2J\u001b]0;owned\u0007";

  private static MimeMessage mail(String message) {
    Alert alert =
        new Alert(
            Fixtures.trigger(message, null, Map.of("user", "bob\u202Enotlia")),
            List.of(Fixtures.event("INFO", "upload of " + REVERSED)),
            "[shop] ERROR PaymentService: " + message);
    MailMessage mail =
        Fixtures.composer(MailFormat.BOTH).compose(Fixtures.digest(alert), Fixtures.NOW);
    return ParsedMail.parse(MimeRenderer.render(mail));
  }

  @Test
  void theSubjectLosesBidirectionalOverridesAndInvisibleCharacters() throws Exception {
    MimeMessage mail = mail("rejected " + REVERSED + " " + HIDDEN);

    assertEquals(
        "[shop] ERROR PaymentService: rejected invoice_gnp.exe password reset", mail.getSubject());
  }

  @Test
  void theTextPartShowsThemAsEscapes() throws Exception {
    String text = ParsedMail.text(mail("rejected " + REVERSED + " " + TERMINAL));

    assertTrue(text.contains("rejected invoice_\\u202egnp.exe"), text);
    assertTrue(text.contains("done\\x00\\x07\\x1b[2J\\x1b]0;owned\\x07"), text);
    assertTrue(text.contains("upload of invoice_\\u202egnp.exe"), "context events too: " + text);
    assertTrue(text.contains("bob\\u202enotlia"), "the MDC too: " + text);
    assertFalse(text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), text);
    assertFalse(text.contains("\u202E"), text);
  }

  @Test
  void theHtmlPartShowsThemAsEscapesInTheHeadlineAndEverywhere() throws Exception {
    String html = ParsedMail.html(mail("rejected " + REVERSED + " " + TERMINAL + " " + HIDDEN));

    assertFalse(html.contains("\u202E"), html);
    assertFalse(html.contains("\u200B"), html);
    assertFalse(html.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'));
    assertTrue(html.contains("rejected invoice_\\u202egnp.exe"), html);
    assertTrue(html.contains("pass\\u200bword"), html);
    assertTrue(html.contains("done\\x00\\x07\\x1b[2J"), html);
    // the title is the subject, which lost them
    assertTrue(html.contains("<title>[shop] ERROR PaymentService: rejected invoice_gnp.exe"), html);
  }

  @Test
  void lineEndsFromWindowsOrHttpAreLineEndsNotEscapes() throws Exception {
    String text = ParsedMail.text(mail("upstream said:\r\nHTTP/1.1 502 Bad Gateway\r\nVia: proxy"));

    assertTrue(text.contains("HTTP/1.1 502 Bad Gateway\r\nVia: proxy"), text);
    assertFalse(text.contains("\\x0d"), text);
  }
}

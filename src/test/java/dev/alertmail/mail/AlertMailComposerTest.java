package dev.alertmail.mail;

import static dev.alertmail.mail.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.Digest;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Digest to bytes and back: what a reader of the mail sees. */
class AlertMailComposerTest {

  private static final String INJECTION = "boom\r\nBcc: evil@x.com\r\nX-Injected: 1";

  @Test
  void textFormatIsASingleTextPart() throws Exception {
    MimeMessage parsed = renderParsed(MailFormat.TEXT, Fixtures.digest("s", "m"));
    assertTrue(parsed.isMimeType("text/plain"), parsed.getContentType());
  }

  @Test
  void htmlFormatIsASingleHtmlPart() throws Exception {
    MimeMessage parsed = renderParsed(MailFormat.HTML, Fixtures.digest("s", "m"));
    assertTrue(parsed.isMimeType("text/html"), parsed.getContentType());
  }

  @Test
  void bothFormatIsTextThenHtmlAlternatives() throws Exception {
    MimeMessage parsed = renderParsed(MailFormat.BOTH, Fixtures.digest("s", "m"));
    assertTrue(parsed.isMimeType("multipart/alternative"), parsed.getContentType());
    var parts = (MimeMultipart) parsed.getContent();
    assertEquals(2, parts.getCount());
    assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
    assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
  }

  @Test
  void chineseSubjectAndBodyDecodeBackExactly() throws Exception {
    String subject = "[商店] 错误: 支付服务不可用";
    String message = "订单 42 付款失败：网关超时 🚨";
    MimeMessage parsed = renderParsed(MailFormat.BOTH, Fixtures.digest(subject, message));
    assertEquals(subject, parsed.getSubject());
    assertTrue(ParsedMail.text(parsed).contains(message), ParsedMail.text(parsed));
    assertTrue(ParsedMail.html(parsed).contains(message));
  }

  @ParameterizedTest
  @EnumSource(MailFormat.class)
  void lineBreaksInSubjectAndBodyCannotAddAHeaderOrRecipient(MailFormat format) throws Exception {
    byte[] bytes = render(format, Fixtures.digest(INJECTION, INJECTION));
    MimeMessage parsed = ParsedMail.parse(bytes);
    assertNull(parsed.getHeader("X-Injected"));
    assertNull(parsed.getHeader("Bcc"));
    assertEquals(
        Set.of("ops@example.com", "dev@example.com"),
        Set.copyOf(Arrays.stream(parsed.getAllRecipients()).map(a -> address(a)).toList()));
    assertEquals("boom Bcc: evil@x.com X-Injected: 1", parsed.getSubject());
    assertEquals(expectedHeaders(format), headerNames(parsed));
    ParsedMail.assertWellFormed(bytes, 78);
  }

  @Test
  void bccIsAnEnvelopeRecipientButInNoHeader() throws Exception {
    MailMessage message =
        Fixtures.composer(MailFormat.BOTH).compose(Fixtures.digest("s", "m"), NOW);
    assertTrue(message.recipients().contains(Fixtures.BCC));
    String raw =
        new String(MimeRenderer.render(message), java.nio.charset.StandardCharsets.US_ASCII);
    assertFalse(raw.contains(Fixtures.BCC.toString()));
    assertFalse(raw.toLowerCase(java.util.Locale.ROOT).contains("bcc:"));
  }

  @Test
  void messageIdIsUniqueAcrossComposesAndAtTheSendersDomain() throws Exception {
    AlertMailComposer composer = Fixtures.composer(MailFormat.TEXT);
    Digest digest = Fixtures.digest("s", "m");
    String first =
        ParsedMail.parse(MimeRenderer.render(composer.compose(digest, NOW))).getMessageID();
    String second =
        ParsedMail.parse(MimeRenderer.render(composer.compose(digest, NOW))).getMessageID();
    assertNotEquals(first, second);
    assertTrue(first.matches("<[0-9a-f]{32}@example\\.com>"), first);
  }

  @Test
  void dateHeaderIsNowInTheOriginsZone() throws Exception {
    MimeMessage parsed = renderParsed(MailFormat.TEXT, Fixtures.digest("s", "m"));
    assertEquals("Sun, 22 Nov 2026 14:03:10 +0100", parsed.getHeader("Date", null));
  }

  @ParameterizedTest
  @EnumSource(MailFormat.class)
  void noRawLineIsLongEvenForHugeMessagesAndSubjects(MailFormat format) throws Exception {
    for (int length : new int[] {5_000, 100_000}) {
      String huge = "word".repeat(length / 8) + "x".repeat(length / 2);
      byte[] bytes = render(format, Fixtures.digest(huge, huge));
      ParsedMail.assertWellFormed(bytes, 78);
      MimeMessage parsed = ParsedMail.parse(bytes);
      if (format != MailFormat.HTML) {
        assertTrue(ParsedMail.text(parsed).contains(huge));
      }
      if (format != MailFormat.TEXT) {
        assertTrue(ParsedMail.html(parsed).contains(huge));
      }
    }
  }

  @Test
  void longSubjectIsCutWithAnEllipsisKeepingItsStart() throws Exception {
    String subject = "[shop] ERROR PaymentService: " + "订单付款失败 ".repeat(100);
    String decoded = renderParsed(MailFormat.TEXT, Fixtures.digest(subject, "m")).getSubject();
    assertTrue(decoded.startsWith("[shop] ERROR PaymentService: 订单付款失败"), decoded);
    assertTrue(decoded.endsWith("…"), decoded);
    assertTrue(decoded.codePointCount(0, decoded.length()) <= SubjectLine.MAX_CODE_POINTS);
  }

  @Test
  void subjectControlCharactersAndWhitespaceRunsBecomeOneSpace() throws Exception {
    String subject = "  a\tb\u0000c\u001b[31m  d\u2028e\u0085f  ";
    assertEquals(
        "a b c [31m d e f",
        renderParsed(MailFormat.TEXT, Fixtures.digest(subject, "m")).getSubject());
  }

  @Test
  void emptySubjectFallsBackToLevelAndLogger() throws Exception {
    assertEquals(
        "ERROR com.example.shop.PaymentService",
        renderParsed(MailFormat.TEXT, Fixtures.digest(" \r\n ", "m")).getSubject());
  }

  @Test
  void droppedEventsAreShownInSubjectBothBodiesAndAHeader() throws Exception {
    var alert = new Alert(Fixtures.event("ERROR", "m"), List.of(), "payment failed");
    MimeMessage parsed = renderParsed(MailFormat.BOTH, Digest.of(List.of(alert), 7));
    // more than one event: the first problem's message, then the size
    assertEquals("payment failed (8 errors)", parsed.getSubject());
    String sentence =
        "7 more errors arrived faster than the sender could take them (queueSize): counted here,"
            + " not lost, but not told apart by problem.";
    assertTrue(ParsedMail.text(parsed).contains(sentence), ParsedMail.text(parsed));
    assertTrue(ParsedMail.html(parsed).contains(sentence));
    assertEquals("7", parsed.getHeader("X-AlertMail-Dropped", null));
    assertEquals("8", parsed.getHeader("X-AlertMail-Count", null));
  }

  @Test
  void aDigestSubjectSaysHowManyErrorsOfHowManyKinds() throws Exception {
    var first = new Alert(Fixtures.event("ERROR", "first"), List.of(), "first failed");
    var second = new Alert(Fixtures.event("ERROR", "second"), List.of(), "second failed");
    MimeMessage parsed = renderParsed(MailFormat.BOTH, Digest.of(List.of(first, second), 2));
    assertEquals("first failed (4 errors, 2 kinds)", parsed.getSubject());
    String text = ParsedMail.text(parsed);
    assertTrue(text.indexOf("Problem 1 of 2") < text.indexOf("Problem 2 of 2"), text);
    assertTrue(text.indexOf("first") < text.indexOf("second"), text);
  }

  @Test
  void mailIsMarkedAutoGenerated() throws Exception {
    assertEquals(
        "auto-generated",
        renderParsed(MailFormat.TEXT, Fixtures.digest("s", "m")).getHeader("Auto-Submitted", null));
  }

  private static Set<String> expectedHeaders(MailFormat format) {
    var names =
        new TreeSet<>(
            List.of(
                "Date",
                "From",
                "To",
                "Cc",
                "Message-ID",
                "X-AlertMail-Fingerprint",
                "Subject",
                "MIME-Version",
                "X-Mailer",
                "X-Auto-Response-Suppress",
                "List-Id",
                "Importance",
                "X-Priority",
                "X-AlertMail-Application",
                "X-AlertMail-Host",
                "References",
                "In-Reply-To",
                "Thread-Topic",
                "Thread-Index",
                "Auto-Submitted",
                "X-AlertMail-Count",
                "Content-Type"));
    if (format != MailFormat.BOTH) {
      names.add("Content-Transfer-Encoding");
    }
    return names;
  }

  private static Set<String> headerNames(MimeMessage parsed) throws Exception {
    var names = new TreeSet<String>();
    for (var header : Collections.list(parsed.getAllHeaders())) {
      names.add(header.getName());
    }
    return names;
  }

  private static String address(Address a) {
    return ((InternetAddress) a).getAddress();
  }

  static byte[] render(MailFormat format, Digest digest) {
    return MimeRenderer.render(Fixtures.composer(format).compose(digest, NOW));
  }

  static MimeMessage renderParsed(MailFormat format, Digest digest) {
    return ParsedMail.parse(render(format, digest));
  }
}

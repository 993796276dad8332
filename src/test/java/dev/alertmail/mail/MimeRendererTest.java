package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MimeRenderer on hand-made messages, read back with Jakarta Mail. */
class MimeRendererTest {

  private static final ZonedDateTime DATE =
      ZonedDateTime.parse("2026-11-22T14:03:10+01:00[Europe/Berlin]");

  @Test
  void textOnlyIsASingleTextPlainPart() throws Exception {
    MimeMessage parsed = ParsedMail.parse(MimeRenderer.render(message("hello", null)));
    assertTrue(parsed.isMimeType("text/plain"), parsed.getContentType());
    assertEquals(
        "UTF-8",
        new jakarta.mail.internet.ContentType(parsed.getContentType())
            .getParameter("charset")
            .toUpperCase(java.util.Locale.ROOT));
    assertEquals("hello\r\n", parsed.getContent());
  }

  @Test
  void htmlOnlyIsASingleTextHtmlPart() throws Exception {
    MimeMessage parsed = ParsedMail.parse(MimeRenderer.render(message(null, "<p>hi</p>")));
    assertTrue(parsed.isMimeType("text/html"), parsed.getContentType());
    assertEquals("<p>hi</p>\r\n", parsed.getContent());
  }

  @Test
  void bothIsMultipartAlternativeWithTextFirst() throws Exception {
    MimeMessage parsed = ParsedMail.parse(MimeRenderer.render(message("hello", "<p>hi</p>")));
    assertTrue(parsed.isMimeType("multipart/alternative"), parsed.getContentType());
    var multipart = (MimeMultipart) parsed.getContent();
    assertEquals(2, multipart.getCount());
    assertTrue(multipart.getBodyPart(0).isMimeType("text/plain"));
    assertTrue(multipart.getBodyPart(1).isMimeType("text/html"));
    // the CRLF before a boundary belongs to the boundary (RFC 2046 5.1.1)
    assertEquals("hello", multipart.getBodyPart(0).getContent());
    assertEquals("<p>hi</p>", multipart.getBodyPart(1).getContent());
  }

  @Test
  void boundaryLookalikeInTheBodyDoesNotSplitParts() throws Exception {
    String body = "--=_AlertMail_0123\n--=_AlertMail_0123--\nstill text";
    MimeMessage parsed = ParsedMail.parse(MimeRenderer.render(message(body, "<p>x</p>")));
    var multipart = (MimeMultipart) parsed.getContent();
    assertEquals(2, multipart.getCount());
    assertEquals(body.replace("\n", "\r\n"), multipart.getBodyPart(0).getContent());
  }

  @Test
  void headersCarryDateFromToCcMessageIdAndMimeVersion() throws Exception {
    MimeMessage parsed = ParsedMail.parse(MimeRenderer.render(message("hello", null)));
    assertEquals("Sun, 22 Nov 2026 14:03:10 +0100", parsed.getHeader("Date", null));
    assertEquals(DATE.toInstant(), parsed.getSentDate().toInstant());
    assertArrayEquals(new Address[] {new InternetAddress("alerts@example.com")}, parsed.getFrom());
    assertEquals(
        List.of("ops@example.com", "oncall@example.com"), addresses(parsed, RecipientType.TO));
    assertEquals(List.of("dev@example.com"), addresses(parsed, RecipientType.CC));
    assertEquals("<abc-123@example.com>", parsed.getMessageID());
    assertEquals("1.0", parsed.getHeader("MIME-Version", null));
    assertEquals("quoted-printable", parsed.getEncoding());
  }

  @Test
  void bccNeverAppearsInAnyHeader() throws Exception {
    byte[] bytes = MimeRenderer.render(message("hello", "<p>hi</p>"));
    MimeMessage parsed = ParsedMail.parse(bytes);
    assertNull(parsed.getHeader("Bcc"));
    assertNull(parsed.getRecipients(RecipientType.BCC));
    assertFalse(
        new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).contains("secret-watcher"));
  }

  @Test
  void onlyBlindCopiesGiveAnEmptyGroupInTo() throws Exception {
    var onlyBcc =
        new MailMessage(
            Fixtures.FROM,
            List.of(),
            List.of(),
            List.of(Fixtures.BCC),
            "s",
            DATE,
            "1@example.com",
            "x",
            null,
            Map.of());
    byte[] bytes = MimeRenderer.render(onlyBcc);
    assertEquals("undisclosed-recipients:;", ParsedMail.parse(bytes).getHeader("To", null));
    assertFalse(
        new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).contains("secret-watcher"));
  }

  @Test
  void recipientsAreToCcAndBccForTheEnvelope() {
    assertEquals(
        List.of(
            MailAddress.parse("ops@example.com"),
            MailAddress.parse("oncall@example.com"),
            Fixtures.CC,
            Fixtures.BCC),
        message("x", null).recipients());
  }

  @Test
  void extraHeadersAreWrittenInOrder() throws Exception {
    MimeMessage parsed = ParsedMail.parse(MimeRenderer.render(message("x", null)));
    assertEquals("3", parsed.getHeader("X-AlertMail-Count", null));
    assertEquals("auto-generated", parsed.getHeader("Auto-Submitted", null));
  }

  @Test
  void everyLineEndsWithCrlfAndNoBareCrOrLfRemains() throws Exception {
    String body = "unix\nwindows\r\nold mac\rend\n\n\r\r";
    byte[] bytes = MimeRenderer.render(message(body, null));
    ParsedMail.assertWellFormed(bytes, 78);
    assertEquals(
        "unix\r\nwindows\r\nold mac\r\nend\r\n\r\n\r\n\r\n", ParsedMail.parse(bytes).getContent());
    ParsedMail.assertWellFormed(MimeRenderer.render(message(body, body)), 78);
  }

  @Test
  void shortLinesAndTrailingWhitespaceSurvive() throws Exception {
    // commons-codec's strict encoder returns null for fewer than 3 bytes; such lines are encoded
    // by hand
    String body = "a\nä\n \nab \n=\nx\t\nend";
    byte[] bytes = MimeRenderer.render(message(body, null));
    assertEquals(body.replace("\n", "\r\n") + "\r\n", ParsedMail.parse(bytes).getContent());
    for (String line : ParsedMail.rawLines(bytes)) {
      assertFalse(line.endsWith(" ") || line.endsWith("\t"), "trailing whitespace: " + line);
    }
  }

  @Test
  void linesStartingWithADotAreLeftForTheSmtpLayerToStuff() throws Exception {
    byte[] bytes = MimeRenderer.render(message(".\n.hidden\n..two", null));
    List<String> lines = ParsedMail.rawLines(bytes);
    assertTrue(lines.contains("."), lines.toString());
    assertTrue(lines.contains(".hidden"), lines.toString());
    assertTrue(lines.contains("..two"), lines.toString());
    assertEquals(".\r\n.hidden\r\n..two\r\n", ParsedMail.parse(bytes).getContent());
  }

  @Test
  void longLinesAreWrappedUnder998OctetsAndDecodeBackWhole() throws Exception {
    for (int length : new int[] {5_000, 100_000}) {
      String line = "ä€x".repeat(length / 3);
      byte[] bytes = MimeRenderer.render(message(line, "<pre>" + line + "</pre>"));
      ParsedMail.assertWellFormed(bytes, 78);
      MimeMessage parsed = ParsedMail.parse(bytes);
      assertEquals(line, ParsedMail.text(parsed));
      assertEquals("<pre>" + line + "</pre>", ParsedMail.html(parsed));
    }
  }

  @Test
  void lineBreakInSubjectIsRejectedWhenTheMessageIsBuilt() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> withSubject("boom\r\nBcc: evil@x.com"));
    assertTrue(e.getMessage().contains("line break"), e.getMessage());
  }

  @Test
  void extraHeaderThatCouldInjectIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> withHeader("X-A", "1\r\nBcc: evil@x.com"));
    assertThrows(IllegalArgumentException.class, () -> withHeader("X-A\r\nBcc", "evil@x.com"));
    assertThrows(IllegalArgumentException.class, () -> withHeader("X A", "1"));
    assertThrows(IllegalArgumentException.class, () -> withHeader("X-A:", "1"));
    assertThrows(IllegalArgumentException.class, () -> withHeader("X-A", "ü"));
    var e = assertThrows(IllegalArgumentException.class, () -> withHeader("bcc", "evil@x.com"));
    assertTrue(e.getMessage().contains("written by the renderer"), e.getMessage());
  }

  @Test
  void messageWithoutBodyOrRecipientOrWithBadIdIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MailMessage(
                Fixtures.FROM,
                List.of(Fixtures.TO),
                null,
                null,
                "s",
                DATE,
                "1@example.com",
                null,
                null,
                Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MailMessage(
                Fixtures.FROM,
                List.of(),
                null,
                null,
                "s",
                DATE,
                "1@example.com",
                "x",
                null,
                Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MailMessage(
                Fixtures.FROM,
                List.of(Fixtures.TO),
                null,
                null,
                "s",
                DATE,
                "<1@example.com>",
                "x",
                null,
                Map.of()));
  }

  @Test
  void longExtraHeaderValueIsFolded() throws Exception {
    String value = "word ".repeat(150).trim();
    byte[] bytes = MimeRenderer.render(withHeader("X-Long", value));
    ParsedMail.assertWellFormed(bytes, 78);
    assertEquals(
        value,
        jakarta.mail.internet.MimeUtility.unfold(
            ParsedMail.parse(bytes).getHeader("X-Long", null)));
  }

  private static List<String> addresses(MimeMessage parsed, RecipientType type) throws Exception {
    return Arrays.stream(parsed.getRecipients(type))
        .map(a -> ((InternetAddress) a).getAddress())
        .toList();
  }

  private static MailMessage message(String text, String html) {
    var headers = new LinkedHashMap<String, String>();
    headers.put("X-AlertMail-Count", "3");
    headers.put("Auto-Submitted", "auto-generated");
    return new MailMessage(
        Fixtures.FROM,
        List.of(MailAddress.parse("ops@example.com"), MailAddress.parse("oncall@example.com")),
        List.of(Fixtures.CC),
        List.of(Fixtures.BCC),
        "subject",
        DATE,
        "abc-123@example.com",
        text,
        html,
        headers);
  }

  private static MailMessage withSubject(String subject) {
    return new MailMessage(
        Fixtures.FROM,
        List.of(Fixtures.TO),
        null,
        null,
        subject,
        DATE,
        "1@example.com",
        "x",
        null,
        Map.of());
  }

  private static MailMessage withHeader(String name, String value) {
    var headers = new LinkedHashMap<String, String>();
    headers.put(name, value);
    return new MailMessage(
        Fixtures.FROM,
        List.of(Fixtures.TO),
        null,
        null,
        "s",
        DATE,
        "1@example.com",
        "x",
        null,
        headers);
  }
}

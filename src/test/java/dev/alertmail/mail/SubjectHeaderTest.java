package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Subject header: RFC 2047 encoding, word splitting and folding, read back by Jakarta Mail. */
class SubjectHeaderTest {

  private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([^?]*)\\?=");

  @Test
  void chineseSubjectDecodesBackExactly() throws Exception {
    String subject = "[商店] 错误 支付服务: 订单 42 付款失败";
    byte[] bytes = render(subject);
    assertEquals(subject, ParsedMail.parse(bytes).getSubject());
    assertEquals(subject, MimeUtility.decodeText(MimeUtility.unfold(rawSubject(bytes))));
  }

  @Test
  void longChineseSubjectIsSplitIntoSeveralEncodedWordsOfAtMost75Characters() throws Exception {
    String subject = "数据库连接池耗尽，无法处理请求。".repeat(8);
    byte[] bytes = render(subject);
    assertEquals(subject, ParsedMail.parse(bytes).getSubject());
    List<String> words = encodedWords(rawSubject(bytes));
    assertTrue(words.size() >= 4, "expected several encoded words: " + words);
    for (String word : words) {
      assertTrue(word.length() <= 75, "encoded word too long: " + word);
    }
    assertWordsHoldWholeCharacters(words);
    for (String line : ParsedMail.rawHeaderLines(bytes)) {
      assertTrue(line.length() <= 76, "header line of " + line.length() + ": " + line);
    }
  }

  @Test
  void emojiSubjectDecodesBackExactlyWithoutSplittingA4ByteCharacter() throws Exception {
    String subject = "🔥🚨 Zahlung fehlgeschlagen 💥 " + "😱".repeat(40) + " Ende";
    byte[] bytes = render(subject);
    assertEquals(subject, ParsedMail.parse(bytes).getSubject());
    assertWordsHoldWholeCharacters(encodedWords(rawSubject(bytes)));
  }

  @Test
  void spacesBetweenNonAsciiWordsSurviveDecoding() throws Exception {
    // whitespace between adjacent encoded words is dropped by decoders, so it must be encoded
    String subject = "Fehler: Größe überschritten für Kunde Müller";
    assertEquals(subject, ParsedMail.parse(render(subject)).getSubject());
  }

  @Test
  void plainAsciiSubjectStaysReadable() throws Exception {
    String subject = "[shop] ERROR c.e.PaymentService: payment failed for order 42";
    byte[] bytes = render(subject);
    assertEquals(
        "Subject: " + subject,
        String.join(
            "",
            ParsedMail.rawHeaderLines(bytes).stream()
                .filter(l -> l.startsWith("Subject:"))
                .toList()));
    assertEquals(subject, ParsedMail.parse(bytes).getSubject());
  }

  @Test
  void longAsciiSubjectIsFoldedAtSpacesAndReadsBackTheSame() throws Exception {
    String subject = "payment failed for order 42 because the gateway timed out ".repeat(6).trim();
    byte[] bytes = render(subject);
    assertEquals(subject, ParsedMail.parse(bytes).getSubject());
    assertTrue(rawSubject(bytes).contains("\r\n "), "expected folding");
    ParsedMail.assertWellFormed(bytes, 78);
  }

  @Test
  void textThatLooksLikeAnEncodedWordIsEncodedSoItReadsBackLiterally() throws Exception {
    String subject = "value =?UTF-8?B?ZXZpbA==?= seen";
    assertEquals(subject, ParsedMail.parse(render(subject)).getSubject());
  }

  @Test
  void veryLongWordWithoutSpacesStillHasShortLines() throws Exception {
    String subject = "x".repeat(3000) + "ä".repeat(2000);
    byte[] bytes = render(subject);
    ParsedMail.assertWellFormed(bytes, 78);
    assertEquals(subject, ParsedMail.parse(bytes).getSubject());
  }

  private static byte[] render(String subject) {
    return MimeRenderer.render(
        new MailMessage(
            Fixtures.FROM,
            List.of(Fixtures.TO),
            List.of(),
            List.of(),
            subject,
            ZonedDateTime.now(Fixtures.BERLIN),
            "1@example.com",
            "body",
            null,
            Map.of()));
  }

  /** The raw Subject header value, still folded and encoded. */
  private static String rawSubject(byte[] bytes) throws Exception {
    MimeMessage message = ParsedMail.parse(bytes);
    return message.getHeader("Subject", null);
  }

  private static List<String> encodedWords(String raw) {
    Matcher m = ENCODED_WORD.matcher(raw);
    return m.results().map(r -> r.group()).toList();
  }

  /** Each word's bytes decode as UTF-8 on their own: no character is split between words. */
  private static void assertWordsHoldWholeCharacters(List<String> words) {
    for (String word : words) {
      Matcher m = ENCODED_WORD.matcher(word);
      assertTrue(m.matches(), word);
      byte[] utf8 = java.util.Base64.getDecoder().decode(m.group(1));
      var decoder = StandardCharsets.UTF_8.newDecoder();
      try {
        decoder.decode(java.nio.ByteBuffer.wrap(utf8));
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new AssertionError("encoded word splits a character: " + word, e);
      }
    }
  }
}

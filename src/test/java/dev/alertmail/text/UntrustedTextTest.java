package dev.alertmail.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What reaches a terminal, a log or a mail from outside reads as what it is. */
class UntrustedTextTest {

  @Test
  void controlCharactersAreShownAsEscapes() {
    assertEquals(
        "\\x1b]0;owned\\x07\\x1b[2J\\x00\\x0d\\x0afake \\x7f\\x85",
        UntrustedText.visible("\u001b]0;owned\u0007\u001b[2J\u0000\r\nfake \u007f\u0085"));
  }

  @Test
  void bidirectionalOverridesAndInvisibleCharactersAreShownAsEscapes() {
    assertEquals(
        "invoice_\\u202egnp.exe pass\\u200bword \\ufeff\\u2066x\\u2069",
        UntrustedText.visible("invoice_\u202Egnp.exe pass\u200Bword \uFEFF\u2066x\u2069"));
  }

  @Test
  void printableTextOfAnyScriptIsLeftAsItIs() {
    String text = "Zahlung fehlgeschlagen: 支付失败 \uD83D\uDE00 é";
    assertSame(text, UntrustedText.visible(text));
  }

  @Test
  void linesAndBodiesKeepWhatTheyNeed() {
    assertEquals("a\nb\\x0dc\\x09", UntrustedText.visibleLines("a\nb\rc\t"));
    assertEquals("a\nb\\x0dc\t", UntrustedText.visibleBody("a\nb\rc\t"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a configured secret | invalid_client for s3cret-value! | invalid_client for ****!",
        "a parameter | refresh_token=abc&client_secret=xyz | refresh_token=****&client_secret=****",
        "JSON | {\"password\": \"hunter2\"} | {\"password\": \"****\"}",
        "a JWT | token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2ln | token ****",
        "a long key | key AKIAIOSFODNN7EXAMPLE0123456789abcdef end | key **** end",
        "ordinary words | the refresh token has expired (AADSTS700082) | the refresh token has expired (AADSTS700082)",
      })
  void secretsAndTokenShapedRunsAreMasked(String label, String text, String shown) {
    assertEquals(shown, UntrustedText.masked(text, List.of("s3cret-value")));
  }

  @Test
  void aShortListNamesFiveAndCountsTheRest() {
    assertEquals("a, b, c", ShortList.of(List.of("a", "b", "c")));
    assertEquals("1, 2, 3, 4, 5, 6", ShortList.of(List.of("1", "2", "3", "4", "5", "6")));
    assertEquals(
        "1, 2, 3, 4, 5 and 9,995 more",
        ShortList.of(
            java.util.stream.IntStream.rangeClosed(1, 10_000).mapToObj(String::valueOf).toList()));
  }
}

package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relaxed canonicalization, with RFC 6376's own example (§3.4.5). */
class DkimCanonicalTest {

  private static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

  @Test
  void headersAsTheRfcExampleHasThem() {
    DkimCanonical.Parsed parsed = DkimCanonical.parse(EXAMPLE.getBytes(StandardCharsets.US_ASCII));

    List<String> canonical =
        parsed.fields().stream().map(f -> DkimCanonical.header(f.name(), f.value())).toList();

    assertEquals(List.of("a:X\r\n", "b:Y Z\r\n"), canonical);
  }

  @Test
  void bodyAsTheRfcExampleHasIt() {
    byte[] message = EXAMPLE.getBytes(StandardCharsets.US_ASCII);

    byte[] body = DkimCanonical.body(message, DkimCanonical.parse(message).bodyStart());

    assertEquals(" C\r\nD E\r\n", new String(body, StandardCharsets.US_ASCII));
  }

  @Test
  void aColonInsideAValueKeepsTheSpaceAfterIt() {
    assertEquals("subject:Re: down\r\n", DkimCanonical.header("Subject", " Re:  down "));
  }
}

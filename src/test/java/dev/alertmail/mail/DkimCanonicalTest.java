package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
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
  void bodyAsTheRfcExampleHasIt() throws Exception {
    byte[] message = EXAMPLE.getBytes(StandardCharsets.US_ASCII);

    var body = new ByteArrayOutputStream();
    DkimCanonical.body(message, DkimCanonical.parse(message).bodyStart(), body);

    assertEquals(" C\r\nD E\r\n", body.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void aColonInsideAValueKeepsTheSpaceAfterIt() {
    assertEquals("subject:Re: down\r\n", DkimCanonical.header("Subject", " Re:  down "));
  }

  @Test
  void bodyRunsOfWhiteSpaceEmptyLinesAndAnEmptyBody() throws Exception {
    assertEquals(" a b c\r\n\r\n\r\nd\r\n", body("\r\n\t a \t b c  \r\n\r\n \t\r\nd"));
    assertEquals("", body("\r\n"), "relaxed: an empty body stays empty (RFC 6376 §3.4.4)");
    assertEquals("", body("\r\n \r\n\t\r\n\r\n"));
    assertEquals(".x\r\n", body("\r\n.x"), "no dot-stuffing: the receiver undoes it");
  }

  @Test
  void bareLineEndsBecomeCrlfAsSmtpSendsThem() {
    byte[] clean = "A: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    assertSame(clean, DkimCanonical.wireLineEnds(clean), "nothing to change, nothing copied");
    assertEquals(
        "A: x\r\n\r\none\r\ntwo\r\n\r\nthree\r\n",
        new String(
            DkimCanonical.wireLineEnds(
                "A: x\n\r\none\rtwo\r\r\nthree\n".getBytes(StandardCharsets.US_ASCII)),
            StandardCharsets.US_ASCII));
  }

  private static String body(String body) throws Exception {
    byte[] message = ("A: x\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    var out = new ByteArrayOutputStream();
    DkimCanonical.body(message, DkimCanonical.parse(message).bodyStart(), out);
    return out.toString(StandardCharsets.US_ASCII);
  }
}

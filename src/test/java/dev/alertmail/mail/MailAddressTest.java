package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailAddressTest {

  @Test
  void parsesLocalPartAndDomain() {
    MailAddress address = MailAddress.parse("ops.team+alerts@mail.example.com");
    assertEquals("ops.team+alerts", address.localPart());
    assertEquals("mail.example.com", address.domain());
    assertEquals("ops.team+alerts@mail.example.com", address.toString());
  }

  @Test
  void surroundingSpacesAreIgnored() {
    assertEquals("ops@example.com", MailAddress.parse("  ops@example.com \t").toString());
  }

  @Test
  void singleLabelDomainIsAccepted() {
    assertEquals("root@localhost", MailAddress.parse("root@localhost").toString());
  }

  @Test
  void internationalDomainIsConvertedToAscii() {
    assertEquals("ops@xn--bcher-kva.example", MailAddress.parse("ops@bücher.example").toString());
  }

  @Test
  void nonAsciiLocalPartIsRejectedNamingSmtputf8() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> MailAddress.parse("jörg@example.com"));
    assertTrue(e.getMessage().contains("SMTPUTF8"), e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ops                         | 'ops' is not an address of the form local@domain",
        "ops@                        | 'ops@' is not an address of the form local@domain",
        "@example.com                | '@example.com' is not an address of the form local@domain",
        "'   '                       | the address is empty",
        "ops@a@example.com           | contains more than one @",
        "ops team@example.com        | contains whitespace",
        "Ops <ops@example.com>       | contains < or >",
        "<ops@example.com>           | contains < or >",
        "ops..team@example.com       | two dots in a row",
        ".ops@example.com            | must not start or end with a dot",
        "ops,dev@example.com         | contains ','",
        "\"ops\"@example.com         | quoted local parts are not supported",
        "ops@example..com            | separated by single dots",
        "ops@-example.com            | starting or ending with '-'",
        "ops@exa_mple.com            | contains '_'",
        "ops@[192.0.2.1]             | contains '['",
      })
  void rejectsWithAClearMessage(String text, String expected) {
    var e = assertThrows(IllegalArgumentException.class, () -> MailAddress.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void lineBreakIsRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MailAddress.parse("ops@example.com\r\nRCPT TO:<evil@x.com>"));
    assertTrue(e.getMessage().contains("contains a line break"), e.getMessage());
    // the message itself stays on one line, so it cannot forge a status line either
    assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("\r"));
  }

  @Test
  void controlCharacterIsRejected() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> MailAddress.parse("ops\u0000@x.com"));
    assertTrue(e.getMessage().contains("control character"), e.getMessage());
    assertTrue(e.getMessage().contains("\\u0000"), e.getMessage());
  }

  @Test
  void nullIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> MailAddress.parse(null));
    assertTrue(e.getMessage().contains("local@domain"), e.getMessage());
  }

  @Test
  void overlongLocalPartIsRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MailAddress.parse("a".repeat(65) + "@example.com"));
    assertTrue(e.getMessage().contains("longer than 64"), e.getMessage());
  }

  @Test
  void constructorChecksPartsToo() {
    assertThrows(IllegalArgumentException.class, () -> new MailAddress("ops\r\n", "example.com"));
    assertThrows(IllegalArgumentException.class, () -> new MailAddress("ops", "exa mple.com"));
  }
}

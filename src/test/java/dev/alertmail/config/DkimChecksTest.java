package dev.alertmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What start says of the signing domain beside the sender's, and of names. */
class DkimChecksTest {

  @ParameterizedTest(name = "d={0}, From at {1}")
  @CsvSource({
    "example.com, example.com",
    "example.com, mail.example.com",
    "mail.example.com, example.com",
    "a.example.com, b.example.com",
    "shop.co.uk, alerts.shop.co.uk",
    "EXAMPLE.com, example.COM"
  })
  void alignedOrPossiblyAlignedDomainsAreNoWarning(String d, String from) {
    assertNull(DkimChecks.misalignment(d, from));
  }

  @ParameterizedTest(name = "d={0}, From at {1}")
  @CsvSource({
    "example.com, other.org",
    "example.com, other.com",
    "foo.co.uk, bar.co.uk",
    "co.uk, shop.co.uk",
    "shop.com.au, store.com.au"
  })
  void domainsThatCannotAlignAreAWarningThatSaysWhatToDo(String d, String from) {
    String warning = DkimChecks.misalignment(d, from);

    assertTrue(
        warning.startsWith(
            "<dkimDomain>" + d + "</dkimDomain> is not the domain of <from> (" + from + "): DMARC"),
        warning);
    assertTrue(warning.endsWith("Mail is signed and sent anyway."), warning);
  }

  @Test
  void aDomainWrittenWithTheRootsDotSignsWithout() throws Exception {
    var key =
        dev.alertmail.mail.DkimKey.generate(dev.alertmail.mail.DkimKey.Algorithm.ED25519_SHA256);
    var file = java.nio.file.Files.createTempFile("dkim", ".pem");
    try {
      java.nio.file.Files.writeString(file, key.pem());
      List<String> problems = new ArrayList<>();

      var signer = DkimChecks.signer("example.com.", "alerts1", file.toString(), problems);

      assertEquals(List.of(), problems);
      assertEquals("alerts1._domainkey.example.com", signer.recordName());
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}

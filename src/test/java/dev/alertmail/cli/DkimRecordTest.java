package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.mail.DkimKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A published record read as verifiers (dkimpy, OpenDKIM) read it. */
class DkimRecordTest {

  private static final DkimKey RSA = DkimKey.generate(DkimKey.Algorithm.RSA_SHA256);
  private static final String P = RSA.publicKeyBase64();

  @Test
  void theRecordDkimKeyPrintsHoldsTheKey() {
    DkimRecord record = DkimRecord.parse(RSA.txtRecord());

    assertTrue(record.isKey());
    assertNull(record.problem(RSA));
    assertFalse(record.testing());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "v=DKIM2; k=rsa | the record's v=DKIM2 is not DKIM1: verifiers ignore it",
        "v=DKIM1; k=rsa; h=sha1 | the record's h=sha1 does not allow sha256",
        "v=DKIM1; k=rsa; s=other | the record's s=other is not for email",
        "v=DKIM1; k=ed25519 | the record is for k=ed25519, the key is rsa",
      })
  void aRecordVerifiersWouldNotUseForTheKeyIsNamed(String tags, String why) {
    String problem = DkimRecord.parse(tags + "; p=" + P).problem(RSA);

    assertTrue(problem != null && problem.startsWith(why), problem);
  }

  @Test
  void emptyOrOtherKeysAndWhatVerifiersStillTake() {
    assertEquals(
        "the record's p= is empty: the key was revoked",
        DkimRecord.parse("v=DKIM1; p=").problem(RSA));
    assertEquals(
        "the record's p= is another key than the one in dkimKey",
        DkimRecord.parse(DkimKey.generate(DkimKey.Algorithm.RSA_SHA256).txtRecord()).problem(RSA));
    assertNull(DkimRecord.parse("v=DKIM1; h=sha1:sha256; s=email:*; p=" + P).problem(RSA));
    assertNull(DkimRecord.parse("p=" + P).problem(RSA), "v= and k= are optional, k=rsa by default");
    assertTrue(DkimRecord.parse("v=DKIM1; t=y:s; p=" + P).testing());
  }

  @Test
  void anRsaKeyPublishedAsPkcs1IsTheSameKey() {
    byte[] spki = Base64.getDecoder().decode(P);
    byte[] pkcs1 = Arrays.copyOfRange(spki, 24, spki.length);
    assertEquals(0x30, pkcs1[0] & 0xff, "a DER SEQUENCE");

    assertTrue(DkimRecord.samePublicKey(spki, Base64.getEncoder().encodeToString(pkcs1)));
    assertFalse(
        DkimRecord.samePublicKey(
            spki, Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, 25, spki.length))));
    assertFalse(DkimRecord.samePublicKey(spki, "not base64!"));
  }
}

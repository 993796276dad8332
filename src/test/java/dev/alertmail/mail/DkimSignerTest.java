package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Signatures checked by an independent verifier (dkimpy), for both algorithms. */
class DkimSignerTest {

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-12-05T10:00:00Z"));

  private static MailMessage mail(String subject, String text, String html) {
    return new MailMessage(
        MailAddress.parse("alerts@shop.example"),
        List.of(MailAddress.parse("oncall@shop.example")),
        List.of(MailAddress.parse("lead@shop.example")),
        List.of(),
        subject,
        ZonedDateTime.of(2026, 12, 5, 10, 0, 0, 0, ZoneOffset.UTC),
        "abc123@shop.example",
        text,
        html,
        Map.of("X-AlertMail-Count", "3", "References", "<root@shop.example>"));
  }

  /** dkimpy's verdict; the test is skipped here when dkimpy is missing, not the whole class. */
  private static String verify(DkimSigner signer, byte[] signed) throws Exception {
    IndependentDkimVerifier.assumeAvailable();
    return IndependentDkimVerifier.verify(signed, signer.recordName(), signer.key().txtRecord());
  }

  @ParameterizedTest
  @EnumSource(DkimKey.Algorithm.class)
  void aPlainMailVerifies(DkimKey.Algorithm algorithm) throws Exception {
    DkimSigner signer =
        new DkimSigner("shop.example", "alerts1", DkimKey.generate(algorithm), CLOCK);
    byte[] signed = signer.sign(MimeRenderer.render(mail("Database down", "It is down.", null)));

    assertEquals("pass", verify(signer, signed));
    String head = new String(signed, 0, 40, StandardCharsets.US_ASCII);
    assertTrue(head.startsWith("DKIM-Signature: v=1; a=" + algorithm.tag()), head);
  }

  private static final DkimSigner ED25519 =
      new DkimSigner(
          "shop.example", "alerts1", DkimKey.generate(DkimKey.Algorithm.ED25519_SHA256), CLOCK);
  private static final DkimSigner RSA =
      new DkimSigner(
          "shop.example", "alerts2", DkimKey.generate(DkimKey.Algorithm.RSA_SHA256), CLOCK);

  private static List<DkimSigner> signers() {
    return List.of(ED25519, RSA);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("signers")
  void utf8LongFoldedHeadersAndLeadingDotsVerify(DkimSigner signer) throws Exception {
    var recipients = new java.util.ArrayList<MailAddress>();
    for (int i = 0; i < 40; i++) {
      recipients.add(MailAddress.parse("team-member-" + i + "@shop.example"));
    }
    MailMessage message =
        new MailMessage(
            MailAddress.parse("alerts@shop.example"),
            recipients,
            List.of(),
            List.of(),
            "Zahlung fehlgeschlagen für Bestellung Ä-1042 — Überweisung abgelehnt, "
                + "noch einmal versuchen? 支付失败 "
                + "x".repeat(120),
            ZonedDateTime.of(2026, 12, 5, 10, 0, 0, 0, ZoneOffset.UTC),
            "abc124@shop.example",
            ".leading dot\n..two dots\n.\nline with trailing spaces   \n\tand tabs\t\t\n\n\n",
            "<p>Grüße</p>\n<pre>\n.dot\n</pre>",
            Map.of("References", "<root@shop.example>", "In-Reply-To", "<root@shop.example>"));
    byte[] rendered = MimeRenderer.render(message);
    assertTrue(new String(rendered, StandardCharsets.US_ASCII).contains("\r\n team-member-"));

    assertEquals("pass", verify(signer, signer.sign(rendered)));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("signers")
  void aRelayThatRefoldsHeadersAndTrimsSpacesKeepsItValid(DkimSigner signer) throws Exception {
    var recipients = new java.util.ArrayList<MailAddress>();
    for (int i = 0; i < 10; i++) {
      recipients.add(MailAddress.parse("team-member-" + i + "@shop.example"));
    }
    MailMessage message =
        new MailMessage(
            MailAddress.parse("alerts@shop.example"),
            recipients,
            List.of(),
            List.of(),
            "Database down",
            ZonedDateTime.of(2026, 12, 5, 10, 0, 0, 0, ZoneOffset.UTC),
            "abc125@shop.example",
            "text with trailing spaces   \nend",
            null,
            Map.of());
    String signed =
        new String(signer.sign(MimeRenderer.render(message)), StandardCharsets.US_ASCII);
    // a relay that unfolds To onto one line, folds Subject, and trims trailing white space
    String refolded =
        signed
            .replace(",\r\n team-member-", ", team-member-")
            .replace("Subject: Database down", "Subject: Database\r\n\tdown")
            .replace("spaces   \r\n", "spaces\r\n");
    assertTrue(!refolded.equals(signed), "the relay changed something");

    assertEquals("pass", verify(signer, refolded.getBytes(StandardCharsets.US_ASCII)));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("signers")
  void aTamperedBodySubjectOrAnAddedHeaderFails(DkimSigner signer) throws Exception {
    String signed =
        new String(
            signer.sign(MimeRenderer.render(mail("Database down", "It is down.", null))),
            StandardCharsets.US_ASCII);

    String body = signed.replace("It is down.", "It is up.");
    String subject = signed.replace("Subject: Database down", "Subject: Database up");
    // a second Subject, added below the first: a mail client may show either
    String added =
        signed.replace("MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nSubject: All fine\r\n");
    String from =
        signed.replace("MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nFrom: ceo@shop.example\r\n");
    // answers would go elsewhere: a mail has no Reply-To, and it is signed as absent
    String replyTo =
        signed.replace(
            "MIME-Version: 1.0\r\n", "MIME-Version: 1.0\r\nReply-To: ceo@evil.example\r\n");

    for (String tampered : List.of(body, subject, added, from, replyTo)) {
      assertTrue(!tampered.equals(signed));
      String verdict = verify(signer, tampered.getBytes(StandardCharsets.US_ASCII));
      assertTrue(verdict.startsWith("fail"), verdict);
    }
  }

  @org.junit.jupiter.api.Test
  void oneHeaderOnTopSignsEveryHeaderItsMailHasOnceMoreThanItOccurs() {
    String signed =
        new String(
            ED25519.sign(MimeRenderer.render(mail("Database down", "It is down.", "<p>down</p>"))),
            StandardCharsets.US_ASCII);
    String header = signed.substring(0, signed.indexOf("\r\nDate:")).replace("\r\n\t", " ");
    assertTrue(
        header.startsWith(
            "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=shop.example;"
                + " s=alerts1; t=1796464800;"),
        header);
    String list =
        header.substring(header.indexOf(" h=") + 3, header.indexOf(';', header.indexOf(" h=")));
    assertEquals(
        "From:From:Reply-To:To:To:Cc:Cc:Subject:Subject:Date:Date:Message-ID:Message-ID:"
            + "MIME-Version:MIME-Version:Content-Type:Content-Type:Content-Transfer-Encoding:"
            + "References:References:In-Reply-To:List-Id",
        list.replace(" ", ""));
    for (String line : signed.substring(0, signed.indexOf("\r\nDate:")).split("\r\n")) {
      assertTrue(line.length() <= 78, line);
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("signers")
  void bareLineEndsAndRawUtf8HeadersAreSignedAsSmtpSendsThem(DkimSigner signer) throws Exception {
    // not what MimeRenderer makes, but a caller of this public class may: the wire gets CRLF
    // for every bare CR or LF, and 8-bit header bytes as they are
    byte[] loose =
        ("From: alerts@shop.example\nTo: oncall@shop.example\r\nSubject: Grüße aus der"
                + " Zentrale\n\nline one\nline two\rline three\n.dot\n")
            .getBytes(StandardCharsets.UTF_8);

    byte[] signed = signer.sign(loose);

    String text = new String(signed, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("line one\r\nline two\r\nline three\r\n.dot\r\n"), text);
    assertTrue(text.replace("\r\n", "").indexOf('\n') < 0, "no bare LF left: " + text);
    assertTrue(text.replace("\r\n", "").indexOf('\r') < 0, "no bare CR left: " + text);
    assertEquals("pass", verify(signer, signed));
  }

  @org.junit.jupiter.api.Test
  void aBodyOfMegabytesWithRunsOfWhiteSpaceVerifies() throws Exception {
    // the body is hashed as a stream, with no canonical copy: maxMailSize allows 64 MB
    String line = "at com.shop.orders.Checkout.pay(Checkout.java:42)  \t trailing  \n";
    String body = line.repeat((8 << 20) / line.length());
    byte[] signed = ED25519.sign(MimeRenderer.render(mail("Database down", body, null)));

    assertEquals("pass", verify(ED25519, signed));
  }
}

package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.ThrowableInfo;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mail is never refused for its size: made again with less detail until it fits its limit, never
 * below the subject, the counts and the root cause, and saying what it left out.
 */
class MailSizeTest {

  private static ThrowableInfo trace(String name, int frames, ThrowableInfo cause) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      lines.add("org.framework.layer" + i + ".Handler.handle(Handler.java:" + i + ")");
    }
    return new ThrowableInfo(name, name + " happened in a long way", lines, 0, cause, List.of());
  }

  /** Five problems, each with a 250-frame trace of three exceptions, 32 context lines, an MDC. */
  private static Digest heavy() {
    List<Alert> alerts = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      List<AlertEvent> context = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        context.add(Fixtures.event("INFO", "request " + i + " " + "payload ".repeat(250)));
      }
      Map<String, String> mdc = new TreeMap<>();
      for (int i = 0; i < 20; i++) {
        mdc.put("key" + i, "value ".repeat(100));
      }
      ThrowableInfo root = trace("java.sql.SQLException" + p, 250, null);
      ThrowableInfo throwable =
          trace("java.lang.IllegalStateException", 250, trace("java.io.IOException", 250, root));
      var trigger =
          new AlertEvent(
              Fixtures.TRIGGER_MILLIS,
              "ERROR",
              "com.example.shop.Service" + p,
              "problem " + p,
              "problem " + p + " " + "detail ".repeat(2_000),
              "main",
              mdc,
              throwable);
      alerts.add(new Alert(trigger, context, "[shop] ERROR problem " + p));
    }
    return Digest.of(alerts, 0);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {262_144, 65_536, 32_768, 16_384})
  void theMailFitsItsLimitAndSaysItWasShortened(int limit) throws Exception {
    FittedMail fitted =
        FittedMail.fit(
            Fixtures.composer(MailFormat.BOTH), heavy(), Fixtures.NOW, limit, "maxMailSize", null);

    assertTrue(fitted.bytes().length <= limit, fitted.bytes().length + " > " + limit);
    assertTrue(fitted.shortened());
    MimeMessage mail = ParsedMail.parse(fitted.bytes());
    String text = ParsedMail.text(mail);
    assertTrue(text.contains("Shortened to fit maxMailSize (" + String.format("%,d", limit)), text);
    assertTrue(text.contains("SQLException0"), "the root cause always: " + text);
    assertEquals("5", mail.getHeader("X-AlertMail-Count", null));
    assertTrue(mail.getSubject().startsWith("[shop] ERROR problem 0"), mail.getSubject());
  }

  /** A signed mail counts its signature against the limit, and still verifies when shortened. */
  @Test
  void aSignedMailFitsWithItsSignatureAndVerifies() throws Exception {
    IndependentDkimVerifier.assumeAvailable();
    DkimSigner signer =
        new DkimSigner(
            "shop.example",
            "alerts1",
            DkimKey.generate(DkimKey.Algorithm.RSA_SHA256),
            java.time.InstantSource.system());

    FittedMail fitted =
        FittedMail.fit(
            Fixtures.composer(MailFormat.BOTH),
            heavy(),
            Fixtures.NOW,
            32_768,
            "maxMailSize",
            signer);

    assertTrue(fitted.bytes().length <= 32_768, fitted.bytes().length + " > 32768");
    assertTrue(fitted.shortened());
    assertEquals(
        "pass",
        IndependentDkimVerifier.verify(
            fitted.bytes(), signer.recordName(), signer.key().txtRecord()));
  }

  @Test
  void aMailThatFitsIsNotTouched() throws Exception {
    FittedMail fitted =
        FittedMail.fit(
            Fixtures.composer(MailFormat.BOTH),
            Fixtures.digest("[shop] ERROR x", "payment failed"),
            Fixtures.NOW,
            262_144,
            "maxMailSize",
            null);

    assertFalse(fitted.shortened());
    assertFalse(ParsedMail.text(ParsedMail.parse(fitted.bytes())).contains("Shortened"));
  }

  @Test
  void belowTheSmallestMailTheSmallestGoesOutAnyway() throws Exception {
    FittedMail fitted =
        FittedMail.fit(
            Fixtures.composer(MailFormat.BOTH),
            heavy(),
            Fixtures.NOW,
            1_000,
            "the server's size limit",
            null);

    MimeMessage mail = ParsedMail.parse(fitted.bytes());
    String text = ParsedMail.text(mail);
    assertTrue(text.contains("java.sql.SQLException0"), text);
    assertTrue(text.contains("Caused by: java.io.IOException"), "the chain is kept: " + text);
    assertTrue(text.contains("250 frames cut to fit the mail"), text);
    assertEquals("5", mail.getHeader("X-AlertMail-Count", null));
    assertTrue(
        mail.getContentType().startsWith("text/plain"),
        "the HTML part goes before the causes do: " + mail.getContentType());
  }
}

package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.Throwables;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a phone's first screen shows of a problem: the cause, where, how often, which host. */
class FirstScreenTest {

  private static Alert payment() {
    IllegalStateException thrown;
    try {
      PaymentService.charge();
      throw new AssertionError("charge() throws");
    } catch (IllegalStateException e) {
      thrown = e;
    }
    var event =
        new AlertEvent(
            Fixtures.TRIGGER_MILLIS,
            "ERROR",
            "dev.alertmail.mail.Checkout",
            "Checkout failed for order {}",
            "Checkout failed for order A-1042",
            "http-1",
            Map.of(),
            Throwables.describe(thrown));
    return new Alert(event, List.of(), "[shop] ERROR Checkout failed for order A-1042");
  }

  /** Application code that fails the way a service does: a JDBC error wrapped by its caller. */
  static final class PaymentService {
    static void charge() {
      try {
        throw new SQLException("Connection reset by peer", "08S01");
      } catch (SQLException e) {
        throw new IllegalStateException("Could not record payment", e);
      }
    }
  }

  @Test
  void theCauseAndTheApplicationsFrameComeBeforeTheDetails() throws Exception {
    MimeMessage mail =
        AlertMailComposerTest.renderParsed(MailFormat.BOTH, Digest.of(List.of(payment()), 0));
    String text = ParsedMail.text(mail);

    int message = text.indexOf("Message:     Checkout failed for order A-1042");
    int cause =
        text.indexOf(
            "Cause:       IllegalStateException: Could not record payment \u2190 SQLException:"
                + " Connection reset by peer");
    int where =
        text.indexOf("Where:       dev.alertmail.mail.FirstScreenTest$PaymentService.charge(");
    int application = text.indexOf("Application: shop on app1.example.com");
    int level = text.indexOf("Level:       ERROR");
    assertTrue(message >= 0 && message < cause, text);
    assertTrue(cause < where && where < application && application < level, text);
    String html = ParsedMail.html(mail);
    assertTrue(html.indexOf("Could not record payment") < html.indexOf(">Level<"), html);
  }

  @Test
  void aDigestOpensWithAnOverviewOfEveryProblem() throws Exception {
    Instant at = Instant.ofEpochMilli(Fixtures.TRIGGER_MILLIS);
    var entries =
        List.of(
            new DigestEntry("fp1", 500, at, at.plusSeconds(60), payment(), null),
            new DigestEntry(
                "fp2", 3, at, at.plusSeconds(5), Fixtures.digest("s", "disk full").first(), null));
    Digest digest = new Digest(entries, 0, 0, 0, null);

    String text = ParsedMail.text(AlertMailComposerTest.renderParsed(MailFormat.TEXT, digest));

    int overview = text.indexOf("Overview:");
    int first = text.indexOf("500\u00d7 in 1 min, from 2026-11-22 14:03:07.123:");
    int problem = text.indexOf("==== Problem 1 of 2");
    assertTrue(overview >= 0 && overview < first && first < problem, text);
    assertTrue(
        text.contains("\u2014 IllegalStateException: Could not record payment \u2190"), text);
    assertTrue(
        text.contains("Problem 1 of 2: 500\u00d7 in 1 min, from 2026-11-22 14:03:07.123"), text);
  }
}

package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.Digest;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.FloodControl;
import dev.alertmail.alert.FloodPolicy;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a reader of a digest mail sees: sizes, counts, times, repeats, the rest. */
class DigestRenderingTest {

  private static final Instant T = Instant.parse("2026-11-24T13:02:00Z"); // 14:02 in Berlin

  private static DigestEntry entry(String message, long count, Instant mailedAt) {
    var event =
        new AlertEvent(
            T.toEpochMilli(), "ERROR", "com.shop.Db", message, message, "main", Map.of(), null);
    return new DigestEntry(
        "fp" + Math.abs(message.hashCode() % 10_000_000_000L),
        count,
        T,
        T.plusSeconds(95),
        new Alert(event, List.of(), "[shop] ERROR " + message),
        mailedAt);
  }

  @Test
  void aDigestShowsEachProblemWithItsCountThenOneLineRowsThenTheRest() throws Exception {
    List<DigestEntry> entries = new ArrayList<>();
    entries.add(entry("database timeout on shard 2", 1_200, null));
    for (int i = 1; i <= 6; i++) {
      entries.add(entry("problem <" + i + ">", 10 - i, null));
    }
    entries.add(entry("disk full", 310, T.minusSeconds(3600)));
    var digest = new Digest(entries, 17, 3, 5, T.minusSeconds(600));

    MimeMessage mail = AlertMailComposerTest.renderParsed(MailFormat.BOTH, digest);

    assertEquals(
        "[shop] ERROR database timeout on shard 2 (1,571 errors, 11 kinds)", mail.getSubject());
    assertEquals("1571", mail.getHeader("X-AlertMail-Count", null));
    assertTrue(
        mail.getHeader("X-AlertMail-Fingerprint", null)
            .startsWith(entries.get(0).fingerprint() + ", " + entries.get(1).fingerprint()),
        "every problem's fingerprint, the lead one first");
    String text = ParsedMail.text(mail);
    assertTrue(
        text.contains("Problem 1 of 7: 1,200\u00d7 in 1 min, from 2026-11-24 14:02:00.000"), text);
    assertTrue(text.contains("Fingerprint: " + entries.get(0).fingerprint()), text);
    assertTrue(text.contains("Held back by the rate limit"), text);
    assertTrue(text.contains("since 2026-11-24 13:52:00"), text);
    assertTrue(text.contains("More problems in this period:"), text);
    assertTrue(text.contains("4\u00d7 in 1 min, from 2026-11-24 14:02:00.000 ["), text);
    assertTrue(text.contains("And 17 more errors of 3 other kinds, counted but not kept."), text);
    assertTrue(text.contains("still happening: 310 times since 2026-11-24 13:02:00"), text);
    assertTrue(
        text.contains(
            "5 more errors arrived faster than the sender could take them (queueSize):"
                + " counted here, not lost"),
        text);
    String html = ParsedMail.html(mail);
    assertTrue(html.contains("problem &lt;6&gt;"), "escaped in the one-line rows too");
    assertFalse(html.contains("problem <6>"));
  }

  @Test
  void aMailOfRepeatsOnlySaysStillHappening() throws Exception {
    var digest = new Digest(List.of(entry("disk full", 310, T)), 0, 0, 0, null);
    MimeMessage mail = AlertMailComposerTest.renderParsed(MailFormat.TEXT, digest);
    assertEquals("[shop] ERROR disk full (still happening: 310 errors)", mail.getSubject());
  }

  @Test
  void theLastMailAtShutdownCountsRepeatsWithoutSayingStillHappening() throws Exception {
    var flood = new FloodControl(FloodPolicy.DEFAULTS, T, new SplittableRandom(1));
    flood.accept(entry("disk full", 1, null).sample(), T);
    Digest first = flood.poll(T.plusSeconds(10)).orElseThrow();
    flood.delivered(first, T.plusSeconds(10));
    for (int i = 0; i < 3; i++) {
      flood.accept(entry("disk full", 1, null).sample(), T.plusSeconds(20 + i));
    }

    Digest last = flood.drain().orElseThrow();

    MimeMessage mail = AlertMailComposerTest.renderParsed(MailFormat.BOTH, last);
    assertEquals("[shop] ERROR disk full (at shutdown: 3 errors)", mail.getSubject());
    String text = ParsedMail.text(mail);
    assertTrue(text.contains("Already mailed, repeated until shutdown"), text);
    assertTrue(text.contains("repeated 3 times since it was mailed at 2026-11-24 14:02:10"), text);
    assertFalse(text.contains("still happening"), text);
    assertFalse(ParsedMail.html(mail).contains("still happening"));
  }

  @Test
  void anOverflowSaysWhichProblemsItBelongedTo() throws Exception {
    var flood = new FloodControl(FloodPolicy.DEFAULTS, T, new SplittableRandom(1));
    flood.accept(entry("database down", 1, null).sample(), T);
    flood.dropped(
        908,
        new java.util.LinkedHashMap<>(
            Map.of("Database down: could not load order {} (com.shop.Db)", 908L)),
        T);

    Digest digest = flood.poll(T.plusSeconds(10)).orElseThrow();

    String text = ParsedMail.text(AlertMailComposerTest.renderParsed(MailFormat.TEXT, digest));
    assertTrue(
        text.contains(
            "908 more errors arrived faster than the sender could take them (queueSize): counted"
                + " here, not lost. By problem: 908 \u00d7 Database down: could not load order {}"
                + " (com.shop.Db)."),
        text);
  }
}

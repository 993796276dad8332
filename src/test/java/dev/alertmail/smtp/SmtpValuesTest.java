package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpValuesTest {

  private static SmtpSettings settings(String host, int port, String localhost, Duration timeout) {
    return new SmtpSettings(
        host, port, TlsMode.NONE, "u", "p", null, localhost, timeout, timeout, null);
  }

  @Test
  void replyCodeMustBeInRange() {
    assertThrows(IllegalArgumentException.class, () -> new SmtpReply(99, List.of("x")));
    assertThrows(IllegalArgumentException.class, () -> new SmtpReply(600, List.of("x")));
    assertThrows(IllegalArgumentException.class, () -> new SmtpReply(250, List.of()));
  }

  @Test
  void replyClassifiesByFirstDigit() {
    assertTrue(new SmtpReply(250, List.of("ok")).isPositive());
    assertTrue(new SmtpReply(354, List.of("go")).isPositive());
    assertTrue(new SmtpReply(451, List.of("later")).isTransientFailure());
    assertTrue(new SmtpReply(550, List.of("no")).isPermanentFailure());
    assertFalse(new SmtpReply(550, List.of("no")).isTransientFailure());
    assertEquals("a\nb", new SmtpReply(250, List.of("a", "b")).text());
  }

  @Test
  void settingsToStringNeverShowsThePassword() {
    var s =
        new SmtpSettings(
            "mx.test",
            587,
            TlsMode.STARTTLS,
            "alice",
            "s3cr3t-Pa55",
            AuthMechanism.LOGIN,
            "app.test",
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            null);
    assertFalse(s.toString().contains("s3cr3t-Pa55"));
    assertTrue(s.toString().contains("alice"));
  }

  @Test
  void settingsRejectInvalidValues() {
    Duration d = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class, () -> settings(" ", 25, "app", d));
    assertThrows(IllegalArgumentException.class, () -> settings("mx", 0, "app", d));
    assertThrows(IllegalArgumentException.class, () -> settings("mx", 65536, "app", d));
    assertThrows(IllegalArgumentException.class, () -> settings("mx\r\n", 25, "app", d));
    assertThrows(IllegalArgumentException.class, () -> settings("mx", 25, "app\nRSET", d));
    assertThrows(IllegalArgumentException.class, () -> settings("mx", 25, "a b", d));
    assertThrows(IllegalArgumentException.class, () -> settings("mx", 25, "app", Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> settings("mx", 25, "app", Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> settings("mx", 25, "app", null));
  }

  @Test
  void settingsRejectLineBreaksInCredentialsWithoutShowingThem() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SmtpSettings(
                    "mx",
                    25,
                    TlsMode.NONE,
                    "u",
                    "pw\r\nQUIT",
                    null,
                    "app",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    null));
    assertFalse(e.getMessage().contains("pw"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SmtpSettings(
                "mx",
                25,
                TlsMode.NONE,
                "u\0x",
                "p",
                null,
                "app",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                null));
  }

  @Test
  void usernameWithoutPasswordIsRejectedAndEmptyUsernameMeansNoAuth() {
    Duration d = Duration.ofSeconds(1);
    assertThrows(
        NullPointerException.class,
        () -> new SmtpSettings("mx", 25, TlsMode.NONE, "u", null, null, "app", d, d, null));
    var noAuth = new SmtpSettings("mx", 25, TlsMode.NONE, "", null, null, "app", d, d, null);
    assertNull(noAuth.username());
    assertFalse(noAuth.hasCredentials());
  }

  @Test
  void serverNameBracketsIpv6Literals() {
    Duration d = Duration.ofSeconds(1);
    assertEquals("mx.test:25", settings("mx.test", 25, "app", d).server());
    assertEquals("[::1]:25", settings("::1", 25, "app", d).server());
  }

  @Test
  void deliveryReportCopiesItsLists() {
    var accepted = new java.util.ArrayList<>(List.of("a@b.test"));
    var report = new DeliveryReport("mx:25", accepted, List.of());
    accepted.clear();
    assertEquals(List.of("a@b.test"), report.accepted());
  }
}

package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CR or LF inside a command argument would end the command early and let the value smuggle in a
 * command of its own ("a@b.test>\r\nRCPT TO:<victim@x.test"). Such values are refused when built
 * and again just before a line is written.
 */
class CommandValidationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b.test\r\nRCPT TO:<evil@x.test",
        "a@b.test\nDATA",
        "a@b.test\rQUIT",
        "a b@c.test",
        "a\t@b.test",
        "a@b.test>",
        "<a@b.test",
        "no-at-sign",
        "@b.test",
        "a@",
        "m\u00fcller@b.test"
      })
  void envelopeRejectsUnsafeAddresses(String address) {
    assertThrows(IllegalArgumentException.class, () -> new Envelope(address, List.of("x@y.test")));
    assertThrows(IllegalArgumentException.class, () -> new Envelope("x@y.test", List.of(address)));
  }

  @Test
  void envelopeRejectsOverlongAddress() {
    String longAddress = "a".repeat(250) + "@b.test";
    assertThrows(
        IllegalArgumentException.class, () -> new Envelope("x@y.test", List.of(longAddress)));
  }

  @Test
  void envelopeNeedsARecipient() {
    assertThrows(IllegalArgumentException.class, () -> new Envelope("x@y.test", List.of()));
  }

  @Test
  void envelopeAcceptsOrdinaryAddresses() {
    var e = new Envelope("alerts+prod@example.com", List.of("ops@example.com", "o'brien@x.test"));
    assertEquals(2, e.recipients().size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"MAIL FROM:<a@b>\r\nRSET", "HELO x\n", "HELO \rx", "HELO \0", "HELO \u00e9"})
  void commandLineRejectsLineBreaksNulAndNonAscii(String line) {
    var e = assertThrows(IllegalArgumentException.class, () -> CommandLine.check(line, "shown"));
    assertFalse(e.getMessage().contains(line), "the message names only what was masked");
  }

  @Test
  void connectionWritesNothingForALineWithCrLf() throws Exception {
    try (var server = ScriptedSmtpServer.start(ScriptedSmtpServer.Peer::awaitClose)) {
      var transcript = new RecordingTranscript();
      try (var connection = SmtpConnection.open(TestSettings.plain(server.port()), transcript)) {
        var e =
            assertThrows(
                SmtpException.class,
                () -> connection.command("MAIL FROM:<a@b.test>\r\nRCPT TO:<evil@x.test>", "MAIL"));
        assertFalse(e.isTransient());
        assertEquals("MAIL", e.command());
      }
      assertEquals("", server.received());
      assertEquals(List.of(), transcript.lines());
    }
  }

  @Test
  void commandLineIsAtMost512OctetsIncludingCrlf() {
    assertDoesNotThrow(() -> CommandLine.check("x".repeat(510), "x"));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.check("x".repeat(511), "x"));
  }
}

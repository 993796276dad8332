package dev.alertmail.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandAndFileTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final InstantSource clock = () -> NOW;

  @TempDir Path dir;

  @Test
  void aCommandLineIsSplitIntoWordsWithQuotesAndNoShell() {
    assertEquals(
        List.of("az", "account", "get-access-token", "--resource", "https://x y", "-o", "json"),
        TokenCommand.split("az account get-access-token --resource \"https://x y\" -o  json"));
    assertEquals(List.of("a b", "c"), TokenCommand.split("'a b' c"));
  }

  @Test
  void aCommandPrintingJsonGivesTheTokenAndItsExpiry() throws Exception {
    var command =
        new TokenCommand(
            "printf '{\"accessToken\": \"eyJ.abc\", \"expires_in\": 3599}'",
            Duration.ofSeconds(10),
            clock);
    AccessToken token = command.fetch();
    assertEquals("eyJ.abc", token.value());
    assertEquals(NOW.plusSeconds(3599), token.expiresAt());
    assertEquals("from command printf, valid until 2026-12-01T10:59:59Z", token.describe());
  }

  @Test
  void aFailingCommandReportsItsStderr() {
    var command =
        new TokenCommand(
            "sh -c 'echo \"not logged in: run az login\" >&2; exit 3'",
            Duration.ofSeconds(10),
            clock);
    TokenException e = assertThrows(TokenException.class, command::fetch);
    assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("not logged in: run az login"), e.getMessage());
  }

  @Test
  void aFileIsReadAgainWhenItChanges() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first-token\n");
    var source = new TokenFile(file, clock);
    assertEquals("first-token", source.fetch().value());

    Files.writeString(file, "{\"access_token\":\"second-token\",\"expires_in\":600}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    AccessToken token = source.fetch();
    assertEquals("second-token", token.value());
    assertEquals(NOW.plusSeconds(600), token.expiresAt());
  }
}

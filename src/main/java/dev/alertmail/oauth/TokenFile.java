package dev.alertmail.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.InstantSource;

/**
 * A file holding the token, which a sidecar or a secrets agent keeps fresh: read again whenever it
 * changed (its modification time or size), otherwise the last reading is used.
 */
final class TokenFile implements TokenSource {

  private final Path file;
  private final InstantSource clock;
  private FileTime readAt;
  private long readSize = -1;
  private AccessToken last;

  TokenFile(Path file, InstantSource clock) {
    this.file = file;
    this.clock = clock;
  }

  @Override
  public synchronized AccessToken fetch() throws TokenException {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (last == null || !modified.equals(readAt) || size != readSize) {
        // expires_in counts from when the agent wrote the file, not from when it is read
        java.time.Instant written = modified.toInstant();
        java.time.Instant now = clock.instant();
        last =
            TokenText.parse(
                Files.readString(file, StandardCharsets.UTF_8),
                written.isAfter(now) ? now : written,
                describe());
        readAt = modified;
        readSize = size;
      }
      return last;
    } catch (IOException e) {
      // a sidecar may be rewriting it: worth another try
      throw new TokenException(describe() + " cannot be read: " + e.getMessage(), true, e);
    }
  }

  @Override
  public String describe() {
    return "file " + file;
  }
}

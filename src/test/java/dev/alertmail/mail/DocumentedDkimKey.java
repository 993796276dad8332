package dev.alertmail.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The key file README's configurations name, {@code /etc/alertmail/dkim.pem}, made for a test run:
 * a documented configuration is loaded with this path in its place.
 */
public final class DocumentedDkimKey {

  /** The path the documentation writes. */
  public static final String DOCUMENTED = "/etc/alertmail/dkim.pem";

  private static Path made;

  private DocumentedDkimKey() {}

  /** {@return the configuration with the documented key path replaced by a real key's} */
  public static synchronized String inPlace(String configuration) {
    if (!configuration.contains(DOCUMENTED)) {
      return configuration;
    }
    if (made == null) {
      try {
        made = Files.createTempFile("alertmail-documented", ".pem");
        made.toFile().deleteOnExit();
        Files.writeString(made, DkimKey.generate(DkimKey.Algorithm.RSA_SHA256).pem());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return configuration.replace(DOCUMENTED, made.toString());
  }
}

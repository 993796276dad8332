package dev.alertmail.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The conversation every mail about one problem belongs to, in every instance of a service, across
 * restarts, and whoever sends the mail (AlertMail itself or Alertmanager with AlertMail's
 * template): derived from the application's name and the problem's fingerprint only.
 */
public final class Conversation {

  private Conversation() {}

  /** {@return the SHA-256 of application and fingerprint, the seed of the conversation's ids} */
  public static byte[] seed(String application, String fingerprint) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest((application + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * {@return the conversation's root message id, e.g. {@code <alertmail.0f3a...@example.com>}},
   * which every mail about the problem names in {@code References} and {@code In-Reply-To}
   */
  public static String root(String application, String fingerprint, String domain) {
    return "<alertmail."
        + HexFormat.of().formatHex(seed(application, fingerprint), 0, 16)
        + "@"
        + domain
        + ">";
  }
}

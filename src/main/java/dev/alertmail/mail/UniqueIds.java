package dev.alertmail.mail;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 128 random bits as 32 hex digits, for Message-IDs and MIME boundaries. Neither needs to be
 * unpredictable, only unique, so no {@code SecureRandom}: seeding one costs a command-line run more
 * than a tenth of its own work.
 */
public final class UniqueIds {

  private static final HexFormat HEX = HexFormat.of();

  private UniqueIds() {}

  /** {@return a new id} */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
  }
}

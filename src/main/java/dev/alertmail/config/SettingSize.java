package dev.alertmail.config;

import java.util.Locale;

/**
 * Sizes as Logback writes them ({@code 256 KB}, {@code 10MB}, {@code 1 GB}; a bare number is
 * bytes), in units of 1,024, as Logback's {@code FileSize}.
 */
public final class SettingSize {

  private SettingSize() {}

  /**
   * Parses a size in bytes.
   *
   * @throws IllegalArgumentException when the text is not a size
   */
  public static long parse(String text) {
    String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    int digits = 0;
    while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
      digits++;
    }
    if (digits == 0 || digits > 12) {
      throw new IllegalArgumentException("not a size: " + text);
    }
    long amount = Long.parseLong(value.substring(0, digits));
    long factor =
        switch (value.substring(digits).strip()) {
          case "", "B" -> 1;
          case "KB" -> 1L << 10;
          case "MB" -> 1L << 20;
          case "GB" -> 1L << 30;
          default -> throw new IllegalArgumentException("not a size: " + text);
        };
    return amount * factor;
  }
}

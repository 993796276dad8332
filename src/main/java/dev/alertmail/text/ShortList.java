package dev.alertmail.text;

import java.util.List;
import java.util.Locale;

/**
 * A list named in a status line or an error: the first few items and how many more, so a mail to
 * 10,000 recipients does not become a 300 KB line in a log.
 */
public final class ShortList {

  /** Items named before the rest are counted. */
  public static final int SHOWN = 5;

  private ShortList() {}

  /** {@return e.g. {@code "a@x, b@x, c@x, d@x, e@x and 9,995 more"}} */
  public static String of(List<String> items) {
    if (items.size() <= SHOWN + 1) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, SHOWN))
        + String.format(Locale.ROOT, " and %,d more", items.size() - SHOWN);
  }
}

package dev.alertmail.mail;

import dev.alertmail.text.UntrustedText;

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * <p>All five significant characters are escaped everywhere, so the same call is safe in both
 * places. Control characters other than tab and line breaks, and the characters that reverse or
 * hide text (bidirectional overrides, zero-width spaces), are shown as their escape ({@code \x1b},
 * {@code \u202e}): a logged string must not display as something else than it is.
 */
final class HtmlEscaper {

  private HtmlEscaper() {}

  static String escape(String text) {
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n', '\r' -> out.append(c);
        default -> {
          if (UntrustedText.isControl(c) || UntrustedText.isInvisible(c)) {
            UntrustedText.appendEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}

package dev.alertmail.mail;

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * <p>All five significant characters are escaped everywhere, so the same call is safe in both
 * places. Control characters other than tab and line breaks are replaced with U+FFFD: they are
 * parse errors in HTML and have no business in a mail.
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
        default -> out.append(Character.isISOControl(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}

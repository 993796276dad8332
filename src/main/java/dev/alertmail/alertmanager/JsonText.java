package dev.alertmail.alertmanager;

import java.util.Map;

/**
 * Writes JSON by hand (RFC 8259): the alerts are a few flat objects of strings, and a library for
 * them would be the appender's only dependency besides commons-codec. Every string is escaped; a
 * lone surrogate, which is not UTF-8, becomes U+FFFD.
 */
final class JsonText {

  private JsonText() {}

  /** Appends {@code "value"}, escaped; runs that need no escape are copied whole. */
  static StringBuilder string(StringBuilder out, String value) {
    out.append('"');
    int run = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0xD800 && c != '\u2028' && c != '\u2029') {
        continue; // the common case: part of a run, copied at once below
      }
      out.append(value, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append("\\u").append(String.format("%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
            run = i + 1;
          } else if (Character.isSurrogate(c)) {
            out.append('\uFFFD');
          } else {
            out.append(c); // U+D800 and above that is not a surrogate: as it is
          }
        }
      }
    }
    return out.append(value, run, value.length()).append('"');
  }

  /** Appends an object of string members in the map's order. */
  static StringBuilder object(StringBuilder out, Map<String, String> members) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> member : members.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, member.getKey()).append(':');
      string(out, member.getValue());
    }
    return out.append('}');
  }
}

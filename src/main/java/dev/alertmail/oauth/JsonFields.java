package dev.alertmail.oauth;

import java.util.HashMap;
import java.util.Map;

/**
 * The top-level string and number fields of a JSON object, which is all a token response holds that
 * AlertMail reads ({@code access_token}, {@code expires_in}, {@code scope}, {@code error}): nested
 * values are skipped. No JSON library is needed for that, and none is added.
 */
final class JsonFields {

  private final String text;
  private int at;

  private JsonFields(String text) {
    this.text = text;
  }

  /**
   * Parses the object.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  static Map<String, String> parse(String text) {
    try {
      return new JsonFields(text.strip()).object();
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      // a hostile or broken answer must cost a clear error, never an unexpected exception
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
  }

  private Map<String, String> object() {
    Map<String, String> fields = new HashMap<>();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      return fields;
    }
    while (true) {
      skipSpace();
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      char c = peek();
      if (c == '"') {
        fields.put(name, string());
      } else if (c == '{' || c == '[') {
        skipNested();
      } else {
        int start = at;
        while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
          at++;
        }
        fields.put(name, text.substring(start, at));
      }
      skipSpace();
      if (peek() == ',') {
        at++;
        continue;
      }
      expect('}');
      return fields;
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = next();
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> out.append(escaped);
      }
    }
  }

  private void skipNested() {
    int depth = 0;
    do {
      char c = next();
      if (c == '"') {
        at--;
        string();
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    } while (depth > 0);
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw new IllegalArgumentException("not a JSON object: it ends early");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("not a JSON object: expected '" + c + "' at " + (at - 1));
    }
  }
}

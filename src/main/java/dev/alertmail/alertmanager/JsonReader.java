package dev.alertmail.alertmanager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the little JSON Alertmanager answers with ({@code GET /api/v2/status}, an error's text)
 * into maps, lists, strings, numbers as text, booleans and null. Bounded in depth and never throws
 * anything but {@link IllegalArgumentException}: an answer is untrusted input.
 */
final class JsonReader {

  private static final int MAX_DEPTH = 32;

  private final String text;
  private int at;

  private JsonReader(String text) {
    this.text = text;
  }

  /**
   * Parses a JSON value.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  static Object parse(String text) {
    try {
      JsonReader reader = new JsonReader(text);
      Object value = reader.value(0);
      reader.space();
      if (reader.at != text.length()) {
        throw new IllegalArgumentException("text after the value at " + reader.at);
      }
      return value;
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  /** {@return the value at a path of object member names, or null} */
  static Object at(Object value, String... names) {
    for (String name : names) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(name);
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
    }
    space();
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return word("true", Boolean.TRUE);
      case 'f':
        return word("false", Boolean.FALSE);
      case 'n':
        return word("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> members = new LinkedHashMap<>();
    at++;
    space();
    if (text.charAt(at) == '}') {
      at++;
      return members;
    }
    while (true) {
      space();
      String name = string();
      space();
      expect(':');
      members.put(name, value(depth + 1));
      space();
      if (text.charAt(at) == ',') {
        at++;
        continue;
      }
      expect('}');
      return members;
    }
  }

  private List<Object> array(int depth) {
    List<Object> items = new ArrayList<>();
    at++;
    space();
    if (text.charAt(at) == ']') {
      at++;
      return items;
    }
    while (true) {
      items.add(value(depth + 1));
      space();
      if (text.charAt(at) == ',') {
        at++;
        continue;
      }
      expect(']');
      return items;
    }
  }

  private String string() {
    expect('"');
    var out = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = text.charAt(at++);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
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

  private String number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw new IllegalArgumentException("unexpected character at " + at);
    }
    return text.substring(start, at);
  }

  private Object word(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw new IllegalArgumentException("unexpected text at " + at);
    }
    at += word.length();
    return value;
  }

  private void expect(char c) {
    if (text.charAt(at) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + at);
    }
    at++;
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}

package dev.alertmail.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads rendered bytes back with Jakarta Mail (Angus), an independent decoder. */
public final class ParsedMail {

  private ParsedMail() {}

  static MimeMessage parse(byte[] bytes) {
    try {
      return new MimeMessage(
          Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    } catch (MessagingException e) {
      throw new AssertionError("Jakarta Mail could not parse the message", e);
    }
  }

  /** The decoded content of the first part with this MIME type, the message itself included. */
  static String body(MimeMessage message, String mimeType) {
    try {
      if (message.isMimeType(mimeType)) {
        return (String) message.getContent();
      }
      if (message.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart part = multipart.getBodyPart(i);
          if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
          }
        }
      }
    } catch (MessagingException | IOException e) {
      throw new AssertionError("could not decode the message", e);
    }
    return fail("no " + mimeType + " part");
  }

  public static String text(MimeMessage message) {
    return body(message, "text/plain");
  }

  public static String html(MimeMessage message) {
    return body(message, "text/html");
  }

  /** The raw lines without their CRLF. */
  static List<String> rawLines(byte[] bytes) {
    String all = new String(bytes, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>(List.of(all.split("\r\n", -1)));
    assertEquals("", lines.remove(lines.size() - 1), "the message must end with CRLF");
    return lines;
  }

  /** The raw header lines: everything before the first empty line. */
  static List<String> rawHeaderLines(byte[] bytes) {
    List<String> lines = rawLines(bytes);
    return lines.subList(0, lines.indexOf(""));
  }

  /**
   * Every line ends with CRLF, there is no bare CR or LF, every byte is 7-bit and no line is longer
   * than {@code max} octets.
   */
  static void assertWellFormed(byte[] bytes, int max) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r') {
        assertTrue(i + 1 < bytes.length && bytes[i + 1] == '\n', "bare CR at " + i);
      }
      if (bytes[i] == '\n') {
        assertTrue(i > 0 && bytes[i - 1] == '\r', "bare LF at " + i);
      }
      assertTrue(bytes[i] >= 0, "8-bit byte at " + i);
    }
    for (String line : rawLines(bytes)) {
      assertTrue(line.length() <= max, "line of " + line.length() + " octets: " + line);
    }
  }
}

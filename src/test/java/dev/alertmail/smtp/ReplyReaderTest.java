package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

  private final List<String> seen = new ArrayList<>();

  private SmtpReply read(String wire) throws IOException {
    return reader(wire).read(seen::add);
  }

  private static ReplyReader reader(String wire) {
    return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void readsSingleLineReply() throws IOException {
    SmtpReply reply = read("250 2.0.0 ok\r\n");
    assertEquals(250, reply.code());
    assertEquals(List.of("2.0.0 ok"), reply.lines());
    assertEquals(List.of("250 2.0.0 ok"), seen);
  }

  @Test
  void readsMultiLineReplyAndActsOnTheCode() throws IOException {
    SmtpReply reply = read("250-mx.test hello\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n");
    assertEquals(250, reply.code());
    assertEquals(List.of("mx.test hello", "PIPELINING", "AUTH PLAIN"), reply.lines());
  }

  @Test
  void acceptsCodeWithoutText() throws IOException {
    assertEquals(List.of(""), read("354\r\n").lines());
  }

  @Test
  void toleratesBareLineFeedFromServer() throws IOException {
    assertEquals(221, read("221 bye\n").code());
  }

  @Test
  void readsReplySplitIntoOneByteReads() throws IOException {
    byte[] wire = "250-first\r\n250-second\r\n250 last\r\n".getBytes(StandardCharsets.US_ASCII);
    InputStream trickle =
        new ByteArrayInputStream(wire) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    SmtpReply reply = new ReplyReader(trickle).read(seen::add);
    assertEquals(List.of("first", "second", "last"), reply.lines());
  }

  @Test
  void readsConsecutiveRepliesAndCountsWhatIsLeft() throws IOException {
    ReplyReader reader = reader("220 hi\r\n250 ok\r\nextra");
    assertEquals(220, reader.read(seen::add).code());
    assertEquals(250, reader.read(seen::add).code());
    assertEquals(5, reader.buffered());
  }

  @Test
  void rejectsLineLongerThanTheBound() {
    String longLine = "250 " + "x".repeat(ReplyReader.MAX_LINE) + "\r\n";
    assertThrows(MalformedReplyException.class, () -> read(longLine));
  }

  @Test
  void acceptsLineAtTheBound() throws IOException {
    String line = "250 " + "x".repeat(ReplyReader.MAX_LINE - 4);
    assertEquals(ReplyReader.MAX_LINE - 4, read(line + "\r\n").lines().get(0).length());
  }

  @Test
  void rejectsEndlessContinuation() {
    String wire = "250-x\r\n".repeat(ReplyReader.MAX_LINES + 1) + "250 x\r\n";
    assertThrows(MalformedReplyException.class, () -> read(wire));
  }

  @Test
  void rejectsLineWithoutCode() {
    assertThrows(MalformedReplyException.class, () -> read("hello\r\n"));
  }

  @Test
  void rejectsWrongSeparator() {
    assertThrows(MalformedReplyException.class, () -> read("250xok\r\n"));
  }

  @Test
  void rejectsCodeChangingWithinReply() {
    assertThrows(MalformedReplyException.class, () -> read("250-a\r\n550 b\r\n"));
  }

  @Test
  void rejectsCodeOutOfRange() {
    assertThrows(MalformedReplyException.class, () -> read("999 what\r\n"));
  }

  @Test
  void reportsEndOfStreamMidReply() {
    assertThrows(EOFException.class, () -> read("250-first\r\n250 la"));
  }
}

package dev.alertmail.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingOutputStreamTest {

  private static String stuff(String content) throws IOException {
    var wire = new ByteArrayOutputStream();
    var data = new DotStuffingOutputStream(wire);
    data.write(content.getBytes(StandardCharsets.ISO_8859_1));
    data.finish();
    return wire.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void leavesCrlfContentAloneAndTerminates() throws IOException {
    assertEquals("Subject: x\r\n\r\nbody\r\n.\r\n", stuff("Subject: x\r\n\r\nbody\r\n"));
  }

  @Test
  void addsTheMissingFinalCrlf() throws IOException {
    assertEquals("body\r\n.\r\n", stuff("body"));
  }

  @Test
  void doublesDotsAtLineStartOnly() throws IOException {
    assertEquals("..\r\n...hidden\r\na.b\r\n..\r\n.\r\n", stuff(".\r\n..hidden\r\na.b\r\n.\r\n"));
  }

  @Test
  void stuffsDotAtTheVeryStart() throws IOException {
    assertEquals("..x\r\n.\r\n", stuff(".x"));
  }

  @Test
  void normalisesBareLineFeedAndCarriageReturn() throws IOException {
    assertEquals("a\r\nb\r\nc\r\n..d\r\n.\r\n", stuff("a\nb\rc\n.d"));
  }

  @Test
  void treatsTrailingBareCarriageReturnAsLineEnd() throws IOException {
    assertEquals("a\r\n.\r\n", stuff("a\r"));
  }

  @Test
  void keepsEightBitBytes() throws IOException {
    byte[] content = {(byte) 0xe4, (byte) 0xff, '\r', '\n'};
    var wire = new ByteArrayOutputStream();
    var data = new DotStuffingOutputStream(wire);
    data.write(content);
    data.finish();
    assertArrayEquals(
        new byte[] {(byte) 0xe4, (byte) 0xff, '\r', '\n', '.', '\r', '\n'}, wire.toByteArray());
  }

  @Test
  void emptyContentIsJustTheTerminator() throws IOException {
    assertEquals(".\r\n", stuff(""));
  }

  @Test
  void writingInChunksGivesTheSameBytesAsWritingByteByByte() throws IOException {
    // the bulk path copies runs of ordinary bytes; line ends, dots and a CR split across two
    // writes must come out exactly as the byte-wise path writes them
    var random = new java.util.SplittableRandom(42);
    byte[] alphabet = {'a', '.', '\r', '\n', ' ', 'x', '.'};
    for (int round = 0; round < 500; round++) {
      byte[] content = new byte[random.nextInt(0, 64)];
      for (int i = 0; i < content.length; i++) {
        content[i] = alphabet[random.nextInt(alphabet.length)];
      }
      var byteWise = new ByteArrayOutputStream();
      var one = new DotStuffingOutputStream(byteWise);
      for (byte b : content) {
        one.write(b & 0xff);
      }
      one.finish();
      var chunked = new ByteArrayOutputStream();
      var many = new DotStuffingOutputStream(chunked);
      for (int at = 0; at < content.length; ) {
        int len = random.nextInt(1, content.length - at + 1);
        many.write(content, at, len);
        at += len;
      }
      many.finish();
      assertArrayEquals(byteWise.toByteArray(), chunked.toByteArray(), "round " + round);
    }
  }
}

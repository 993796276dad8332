package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SendCommandTest {

  @Test
  void aSubjectBecomesOneLineWithEachRunOfBreaksOneSpace() {
    assertEquals("disk full on db-1", SendCommand.oneLine(" disk full\r\n\ton db-1\u2028"));
    assertEquals("a b", SendCommand.oneLine("a\u0000\u007f\u2029b"));
    assertEquals("disk full on db-1", SendCommand.oneLine("disk full\u0085on db-1"));
  }

  @Test
  void joinsLinesAsTheRegularExpressionDidWithC1ControlsAdded() {
    String alphabet = "ab \t\r\n\u0000\u001f\u007f\u0080\u2028\u2029\u00e9";
    SplittableRandom random = new SplittableRandom(2028);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder subject = new StringBuilder();
      for (int n = random.nextInt(8); n > 0; n--) {
        subject.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = subject.toString();
      String expected = text.replaceAll("[\\p{Cntrl}\\u0080-\\u009f\\u2028\\u2029]+", " ").strip();
      assertEquals(expected, SendCommand.oneLine(text), () -> text);
    }
  }
}

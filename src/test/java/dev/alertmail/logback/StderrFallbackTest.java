package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StderrFallbackTest {

  private long now;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final StderrFallback stderr =
      new StderrFallback(() -> now, new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String[] lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
  }

  @Test
  void aDeadServerPrintsTwoLinesPerTenMinutesThenSaysHowManyItHeldBack() {
    for (int i = 0; i < 50; i++) {
      stderr.print("failure " + i);
      now += TimeUnit.SECONDS.toNanos(10);
    }
    assertEquals(2, lines().length);
    assertTrue(lines()[0].startsWith("failure 0 (every report: add <statusListener"), lines()[0]);

    now += TimeUnit.MINUTES.toNanos(10);
    stderr.print("failure 50");

    assertEquals(3, lines().length);
    assertTrue(lines()[2].startsWith("failure 50 [48 reports not printed before this one]"));
  }
}

package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.smtp.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitNoticeTest {

  /** Hands each printed line to the test as it is printed. */
  private static final class Lines extends PrintStream {
    final BlockingQueue<String> printed = new LinkedBlockingQueue<>();

    Lines() {
      super(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Override
    public void println(String line) {
      printed.add(line);
    }
  }

  @Test
  void aQuietServerIsNamedWithTheCommandItOwesAReplyToAndTheBounds() throws Exception {
    Lines err = new Lines();
    List<String> passedOn = new ArrayList<>();
    Transcript inner = passedOn::add;
    try (WaitNotice notice =
        new WaitNotice(
            inner,
            err,
            "the connection",
            "readTimeout 60 seconds",
            TimeUnit.MILLISECONDS.toNanos(50))) {
      notice.record("C: EHLO app1.example.com");

      String line = err.printed.poll(10, TimeUnit.SECONDS);

      assertTrue(
          line.startsWith("alertmail: waiting 0 seconds for the server's reply to EHLO"), line);
      assertTrue(line.endsWith("(readTimeout 60 seconds)"), line);
      assertEquals(List.of("C: EHLO app1.example.com"), passedOn, "the transcript still gets it");
    }
  }
}

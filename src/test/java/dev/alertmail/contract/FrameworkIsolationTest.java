package dev.alertmail.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One artifact serves both frameworks, and each appender works without the other framework on the
 * class path: an application brings only its own.
 */
class FrameworkIsolationTest {

  @TempDir Path dir;

  /** The test class path without the jars whose path contains any of the given words. */
  private static String classPathWithout(String... words) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> Arrays.stream(words).noneMatch(entry::contains))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private String run(String classPath, String mainClass) throws Exception {
    Path out = dir.resolve("out.txt");
    Process app =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    classPath,
                    mainClass))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertTrue(app.waitFor(120, TimeUnit.SECONDS), "the application did not exit");
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, app.exitValue(), output);
    return output;
  }

  @Test
  void theLog4jAppenderWorksWithoutLogbackOnTheClassPath() throws Exception {
    String output = run(classPathWithout("logback"), "dev.alertmail.examples.log4j2.Log4jDemo");
    assertTrue(output.contains("Subject (decoded): [shop] ERROR"), output);
  }

  @Test
  void theLogbackAppenderWorksWithoutLog4jOnTheClassPath() throws Exception {
    String output =
        run(
            classPathWithout("log4j", "disruptor"),
            "dev.alertmail.examples.quickstart.QuickstartDemo");
    assertTrue(output.contains("Subject (decoded): [shop] ERROR"), output);
  }
}

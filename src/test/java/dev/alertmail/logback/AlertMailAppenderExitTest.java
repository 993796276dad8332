package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short-lived JVM that logs an ERROR and exits within {@code groupWait}, with a plain
 * logback.xml: no {@code <shutdownHook/>}, no status listener.
 */
class AlertMailAppenderExitTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  private static final String LOGBACK_XML =
      """
      <configuration>
        <appender name="ALERT" class="dev.alertmail.logback.AlertMailAppender">
          <smtpHost>127.0.0.1</smtpHost>
          <smtpPort>${smtp.port}</smtpPort>
          <tls>NONE</tls>
          <from>alerts@example.com</from>
          <to>ops@example.com</to>
          <connectTimeout>2 seconds</connectTimeout>
        </appender>
        <root level="INFO"><appender-ref ref="ALERT"/></root>
      </configuration>
      """;

  /** What the child JVM printed to stderr. */
  private String runApp(int smtpPort, String... messages) throws Exception {
    return runApp(LOGBACK_XML, List.of(), smtpPort, messages);
  }

  private String runApp(String logbackXml, List<String> options, int smtpPort, String... messages)
      throws Exception {
    Path config = dir.resolve("logback.xml");
    Files.writeString(config, logbackXml, StandardCharsets.UTF_8);
    Path stderr = dir.resolve("stderr.txt");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + config,
                "-Dsmtp.port=" + smtpPort));
    command.addAll(options);
    command.add(ShortLivedApp.class.getName());
    command.addAll(List.of(messages));
    Process app =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    if (!app.waitFor(60, TimeUnit.SECONDS)) {
      app.destroyForcibly();
      throw new AssertionError("the application did not exit within 60 s");
    }
    assertEquals(0, app.exitValue());
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  @Test
  void anErrorLoggedJustBeforeExitIsMailedOnTheWayOut() throws Exception {
    String stderr = runApp(greenMail.getSmtp().getPort(), "payment export failed");

    assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "no mail arrived; stderr:\n" + stderr);
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertTrue(mail.getSubject().contains("payment export failed"), mail.getSubject());
    assertEquals("1", mail.getHeader("X-AlertMail-Count", null));
    assertFalse(stderr.contains("AlertMail ["), stderr);
  }

  @Test
  void aMailThatCannotBeSentAtExitIsReportedOnStderr() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }

    String stderr = runApp(closedPort, "payment export failed");

    assertTrue(stderr.contains("AlertMail [ALERT]: Could not send alert mail"), stderr);
    assertTrue(stderr.contains("127.0.0.1:" + closedPort), stderr);
    assertTrue(stderr.contains("1 triggering event not delivered"), stderr);
    assertTrue(stderr.contains("OnConsoleStatusListener"), "says how to see every report");
  }

  /**
   * Spring Boot's shutdown hook (or {@code <shutdownHook/>}) stops Logback while the appender's own
   * exit hook waits for the pending mail: once the mail is out, the JVM exits, not a whole {@code
   * shutdownTimeout} later. Every rollout after an error paid those seconds.
   */
  @Test
  void theJvmExitsAsSoonAsThePendingMailIsOutWhenAnotherHookStopsLogback() throws Exception {
    String slowToGiveUp =
        LOGBACK_XML.replace(
            "<connectTimeout>", "<shutdownTimeout>1 hour</shutdownTimeout><connectTimeout>");
    long started = System.nanoTime();
    String stderr =
        runApp(
            slowToGiveUp,
            List.of("-Dapp.stopLogbackAtExit=true"),
            greenMail.getSmtp().getPort(),
            "payment export failed");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "no mail arrived; stderr:\n" + stderr);
    assertEquals(1, greenMail.getReceivedMessages().length);
    // the bound is shutdownTimeout (an hour); before, the JVM waited all of it
    assertTrue(seconds < 50, "the JVM took " + seconds + " s to exit; stderr:\n" + stderr);
  }

  @Test
  void anErrorLoggedByAnotherShutdownHookBeforeItStopsLogbackIsMailedToo() throws Exception {
    String stderr =
        runApp(greenMail.getSmtp().getPort(), "payment export failed", "cleanup failed at exit");

    // the first error goes at once; the second, logged while the JVM shuts down, when the other
    // hook stops Logback: one or two mails, but every error in one of them
    assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "no mail arrived; stderr:\n" + stderr);
    long counted = 0;
    StringBuilder subjects = new StringBuilder();
    for (MimeMessage mail : greenMail.getReceivedMessages()) {
      counted += Long.parseLong(mail.getHeader("X-AlertMail-Count", null));
      subjects.append(mail.getSubject()).append('\n');
    }
    assertEquals(2, counted, subjects.toString());
    assertFalse(stderr.contains("AlertMail ["), stderr);
  }
}

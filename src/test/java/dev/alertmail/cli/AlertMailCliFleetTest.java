package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.alertmanager.FakeAlertmanager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command line as a fleet's Alertmanager client, as a monitoring system runs it. */
class AlertMailCliFleetTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private FakeAlertmanager am0;
  private FakeAlertmanager am1;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void replicas() throws Exception {
    am0 = new FakeAlertmanager();
    am1 = new FakeAlertmanager();
  }

  @AfterEach
  void stop() {
    am0.close();
    am1.close();
  }

  private static Run run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        AlertMailCli.run(
            args,
            Map.of(),
            new ByteArrayInputStream("disk /var at 97%\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run send(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "send",
                "--alertmanager-url",
                am0.url() + "," + am1.url(),
                "--alertmanager-labels",
                "service=db, env=prod",
                "--resolve-after",
                "30 minutes",
                "--subject",
                "Disk full on db1"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void sendPostsOneAlertToEveryReplicaFiringUntilResolveAfter() {
    Instant before = Instant.now();
    Run run = send();

    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("posted to " + am0.url() + ", " + am1.url()), run.out());
    for (var replica : List.of(am0, am1)) {
      JsonObject alert = replica.lastAlerts().get(0);
      assertEquals("db", alert.getAsJsonObject("labels").get("service").getAsString());
      assertEquals(
          "Disk full on db1", alert.getAsJsonObject("annotations").get("summary").getAsString());
      assertEquals(
          "disk /var at 97%\n",
          alert.getAsJsonObject("annotations").get("description").getAsString());
      Instant ends = Instant.parse(alert.get("endsAt").getAsString());
      assertTrue(!ends.isBefore(before.plus(Duration.ofMinutes(30))), ends.toString());
    }
    String fingerprint = fingerprint(am0);
    assertEquals(0, send().code());
    assertEquals(fingerprint, fingerprint(am0), "the same subject is the same alert");
  }

  private static String fingerprint(FakeAlertmanager replica) {
    return replica.lastAlerts().get(0).getAsJsonObject("labels").get("fingerprint").getAsString();
  }

  @Test
  void whenNoReplicaTakesItTheAlertIsMailedIfMailIsSetElseRetryLater() throws Exception {
    am0.answer(503, "");
    am1.close();

    Run alone = send();
    assertEquals(75, alone.code(), alone.err());
    assertTrue(alone.err().contains(am0.url() + ": 503"), alone.err());

    Run withMail =
        send(
            "--smtp-host",
            "127.0.0.1:" + greenMail.getSmtp().getPort(),
            "--tls",
            "none",
            "--from",
            "alerts@example.com",
            "--to",
            "ops@example.com");
    assertEquals(0, withMail.code(), withMail.err());
    assertTrue(withMail.err().contains("mailing it instead"), withMail.err());
    assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
    assertEquals(
        "Disk full on db1 (Alertmanager unreachable)",
        greenMail.getReceivedMessages()[0].getSubject());
  }

  @Test
  void anAlertRefusedAsMalformedIsAConfigurationError() {
    am0.answer(400, "{\"code\":400,\"message\":\"invalid label set\"}");
    am1.answer(400, "{\"code\":400,\"message\":\"invalid label set\"}");
    Run run = send();

    assertEquals(78, run.code(), run.err());
    assertTrue(run.err().contains("invalid label set"), run.err());
  }

  @Test
  void checkSaysWhichReplicaIsDown() {
    am1.close();
    Run run = run("check", "--alertmanager-url", am0.url() + ", " + am1.url());

    assertEquals(75, run.code(), run.out() + run.err());
    assertTrue(
        run.out().contains("alertmanager " + am0.url() + ": up, version 0.25.0, cluster ready"),
        run.out());
    assertTrue(run.out().contains("alertmanager " + am1.url() + ": DOWN"), run.out());
    assertTrue(run.out().contains("[" + am1.url() + "] down"), run.out());
  }

  @Test
  void aBadLabelIsFoundBeforeAnythingIsSent() {
    Run run =
        run(
            "send",
            "--alertmanager-url",
            am0.url().toString(),
            "--alertmanager-labels",
            "team-name=db");

    assertEquals(78, run.code());
    assertTrue(
        run.err().contains("--alertmanager-labels 'team-name=db' is not name=value"), run.err());
    assertTrue(am0.posts().isEmpty());
  }
}

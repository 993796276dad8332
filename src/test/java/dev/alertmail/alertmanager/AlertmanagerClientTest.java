package dev.alertmail.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against replicas that answer, that do not, and a token file as editors write it. */
class AlertmanagerClientTest {

  @TempDir Path dir;

  private static AlertmanagerConfig config(Path tokenFile, URI... urls) {
    return new AlertmanagerConfig(
        List.of(urls),
        Map.of(),
        Duration.ofSeconds(60),
        Duration.ofMinutes(5),
        Duration.ofMinutes(2),
        null,
        null,
        null,
        tokenFile,
        null,
        Duration.ofSeconds(2));
  }

  @Test
  void aTokenFileWithAByteOrderMarkAndALineEndIsReadAsItsToken() throws Exception {
    Path token =
        Files.writeString(
            dir.resolve("token"), "\uFEFFsecret-token-42\r\n", StandardCharsets.UTF_8);
    try (var replica = new FakeAlertmanager();
        var client = new AlertmanagerClient(config(token, replica.url()))) {
      List<ReplicaAnswer> answers = client.post("[]");

      assertTrue(answers.get(0).accepted(), answers.toString());
      assertEquals(List.of("Bearer secret-token-42"), replica.authorizations());
    }
  }

  @Test
  void aReplicaThatNeverAnswersDoesNotHoldAPostAnotherTook() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var replica = new FakeAlertmanager();
        var client =
            new AlertmanagerClient(
                config(
                    null,
                    replica.url(),
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/")))) {
      long started = System.nanoTime();
      List<ReplicaAnswer> answers = client.post("[]");
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertTrue(answers.get(0).accepted());
      assertEquals(0, answers.get(1).status());
      // the request timeout is 10 s; a replica that took the post leaves the other a second
      assertTrue(millis < 8_000, millis + " ms");
    }
  }
}

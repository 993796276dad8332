package dev.alertmail.bench;

import com.sun.net.httpserver.HttpServer;
import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alert.ThrowableInfo;
import dev.alertmail.alertmanager.ActiveAlerts;
import dev.alertmail.alertmanager.AlertmanagerClient;
import dev.alertmail.alertmanager.AlertmanagerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a refresh of every active problem costs the sender thread once a minute: building the batch
 * (labels, annotations, a 30-frame trace each) and posting it to one replica on loopback (the JDK's
 * HTTP server, answering 200). The baseline is an empty post to the same replica, measured in the
 * same run: the request's own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AlertmanagerRefreshBenchmark {

  @Param({"1000"})
  public int problems;

  private HttpServer server;
  private AlertmanagerClient client;
  private ActiveAlerts alerts;
  private Instant now;

  @Setup(Level.Trial)
  public void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v2/alerts",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    var config =
        new AlertmanagerConfig(
            List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")),
            Map.of("env", "prod"),
            Duration.ofSeconds(60),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            "https://logs.example.com/?q={fingerprint}",
            null,
            null,
            null,
            null,
            Duration.ofSeconds(2));
    client = new AlertmanagerClient(config);
    alerts =
        new ActiveAlerts(
            config, "shop", "app1", List.of("com.shop"), "example.com", new SplittableRandom(1));
    now = Instant.parse("2026-12-04T10:00:00Z");
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      frames.add("org.framework.layer" + i + ".Handler.handle(Handler.java:" + i + ")");
    }
    for (int p = 0; p < problems; p++) {
      var event =
          new AlertEvent(
              now.toEpochMilli(),
              "ERROR",
              "com.shop.Service" + p,
              "problem " + p + " with {}",
              "problem " + p + " with order 42",
              "worker-1",
              Map.of(),
              new ThrowableInfo(
                  "java.lang.IllegalStateException",
                  "failed",
                  frames,
                  0,
                  new ThrowableInfo(
                      "java.sql.SQLException", "Connection reset", frames, 0, null, List.of()),
                  List.of()));
      alerts.accept(new Alert(event, List.of(), "[shop] ERROR problem " + p), now);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    server.stop(0);
  }

  @Benchmark
  public String build() {
    return alerts.last(now).json();
  }

  @Benchmark
  public Object refresh() {
    return client.post(alerts.last(now).json());
  }

  @Benchmark
  public Object emptyPost() {
    return client.post("[]");
  }
}

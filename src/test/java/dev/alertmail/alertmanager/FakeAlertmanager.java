package dev.alertmail.alertmanager;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Alertmanager replica for tests, on the JDK's HTTP server: it records every {@code POST
 * /api/v2/alerts} and answers with the status it is told to; {@code GET /api/v2/status} answers as
 * Alertmanager 0.25 does. The real one runs in the integration test.
 */
public final class FakeAlertmanager implements AutoCloseable {

  private final HttpServer server;
  private final List<String> posts = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "";

  public FakeAlertmanager() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v2/alerts",
        exchange -> {
          posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth == null ? "" : auth);
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/api/v2/status",
        exchange -> {
          byte[] body =
              ("{\"cluster\":{\"name\":\"01J\",\"peers\":[{\"address\":\"10.0.0.1:9094\","
                      + "\"name\":\"01J\"},{\"address\":\"10.0.0.2:9094\",\"name\":\"01K\"}],"
                      + "\"status\":\"ready\"},\"config\":{\"original\":\"\"},"
                      + "\"uptime\":\"2026-12-04T10:00:00.000Z\",\"versionInfo\":{\"branch\":\"HEAD\","
                      + "\"buildDate\":\"\",\"buildUser\":\"\",\"goVersion\":\"go1.19\","
                      + "\"revision\":\"\",\"version\":\"0.25.0\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** {@return the base URL, as a user writes it in alertmanagerUrl} */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Answers every later post with this status and body. */
  public void answer(int status, String body) {
    this.status = status;
    this.answer = body;
  }

  /** {@return every post's body, in order} */
  public List<String> posts() {
    return List.copyOf(posts);
  }

  /** {@return every post's Authorization header, empty when none} */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** {@return the alerts of the last post, read with an independent JSON parser} */
  public List<JsonObject> lastAlerts() {
    JsonArray array = JsonParser.parseString(posts.get(posts.size() - 1)).getAsJsonArray();
    return array.asList().stream().map(e -> e.getAsJsonObject()).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.alertmail.alertmanager;

import dev.alertmail.text.UntrustedText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Posts alerts to every replica at once and reads their answers, with the JDK's HTTP client: TLS
 * with host names verified and the configured trust store, basic authentication or a bearer token
 * read from a file (again when the file changes). A request is bounded by {@link
 * AlertmanagerConfig#REQUEST_TIMEOUT}, connecting by {@code connectTimeout}.
 */
public final class AlertmanagerClient implements AutoCloseable {

  private static final int SHOWN_CHARS = 300;

  private final AlertmanagerConfig config;
  private final ExecutorService executor;
  private final HttpClient http;
  private String token;
  private FileTime tokenTime;

  /** A client of the configured replicas; {@link #close()} ends its threads. */
  public AlertmanagerClient(AlertmanagerConfig config) {
    this.config = config;
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "alertmail-alertmanager");
              thread.setDaemon(true);
              return thread;
            });
    var builder =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    if (config.sslContext() != null) {
      builder.sslContext(config.sslContext());
    }
    this.http = builder.build();
  }

  /** {@return each replica's answer to {@code POST /api/v2/alerts} with the body, in URL order} */
  public List<ReplicaAnswer> post(String json) {
    List<CompletableFuture<ReplicaAnswer>> answers = new ArrayList<>();
    String authorization = authorization();
    for (URI url : config.urls()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url.resolve("api/v2/alerts"))
              .timeout(AlertmanagerConfig.REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      answers.add(send(url, request, authorization));
    }
    return collect(answers);
  }

  /**
   * {@return the replica's answer to {@code GET /api/v2/status}, its body in {@code text} as it
   * came (JSON for {@link ReplicaStatus} to read, never printed as is)}
   */
  public ReplicaAnswer status(URI url) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url.resolve("api/v2/status"))
            .timeout(AlertmanagerConfig.REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .GET();
    return collect(List.of(send(url, request, authorization(), -1))).get(0);
  }

  private CompletableFuture<ReplicaAnswer> send(
      URI url, HttpRequest.Builder request, String authorization) {
    return send(url, request, authorization, SHOWN_CHARS);
  }

  /** {@code shown}: the characters of the body kept, escaped; -1 for the whole body as it came. */
  private CompletableFuture<ReplicaAnswer> send(
      URI url, HttpRequest.Builder request, String authorization, int shown) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) ->
                failure == null
                    ? new ReplicaAnswer(
                        url,
                        response.statusCode(),
                        shown < 0 ? response.body() : shown(response.body(), shown))
                    : new ReplicaAnswer(url, 0, failure(failure)));
  }

  private List<ReplicaAnswer> collect(List<CompletableFuture<ReplicaAnswer>> answers) {
    List<ReplicaAnswer> result = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      try {
        // each request is bounded by its own timeout; this bound only guards against a client bug
        result.add(
            answers
                .get(i)
                .get(AlertmanagerConfig.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.add(new ReplicaAnswer(config.urls().get(i), 0, "interrupted"));
      } catch (Exception e) {
        answers.get(i).cancel(true);
        result.add(new ReplicaAnswer(config.urls().get(i), 0, failure(e)));
      }
    }
    return result;
  }

  /** Basic authentication, or the bearer token of the token file, or none. */
  private String authorization() {
    if (config.username() != null) {
      String pair = config.username() + ":" + (config.password() == null ? "" : config.password());
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    if (config.tokenFile() == null) {
      return null;
    }
    return "Bearer " + token(config.tokenFile());
  }

  /** The token file's first line, read again only when the file changed (a rotated token). */
  private synchronized String token(Path file) {
    try {
      FileTime time = Files.getLastModifiedTime(file);
      if (token == null || !time.equals(tokenTime)) {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int line = text.indexOf('\n');
        token = line < 0 ? text : text.substring(0, line).strip();
        tokenTime = time;
      }
    } catch (IOException e) {
      // the last token read, if any, is still worth a try; the replica's 401 will say the rest
    }
    return token == null ? "" : token;
  }

  private static String failure(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException) {
      return "no answer within " + AlertmanagerConfig.REQUEST_TIMEOUT.toSeconds() + " seconds";
    }
    if (cause instanceof java.net.ConnectException && cause.getMessage() == null) {
      return "connection refused";
    }
    String message = cause.getMessage();
    return shown(
        cause.getClass().getSimpleName() + (message == null ? "" : ": " + message), SHOWN_CHARS);
  }

  private static String shown(String text, int max) {
    String body = text == null ? "" : text.strip();
    return UntrustedText.visible(body.length() <= max ? body : body.substring(0, max) + "...");
  }

  /** Ends the client's threads. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}

package dev.alertmail.alertmanager;

import dev.alertmail.text.UntrustedText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Posts alerts to every replica at once and reads their answers, with the JDK's HTTP client
 * (HTTP/1.1): TLS with host names verified and the configured trust store, basic authentication or
 * a bearer token read from a file (again when the file changes). A request is bounded by {@link
 * AlertmanagerConfig#REQUEST_TIMEOUT}, connecting by {@code connectTimeout}, an answer's body to a
 * few KB; once a replica took a post, the others get a moment more, not the whole timeout.
 *
 * <p>The JDK 17 client's selector thread ends when the client is collected, after {@link #close()};
 * the route keeps one client for the appender's life.
 */
public final class AlertmanagerClient implements AutoCloseable {

  private static final int SHOWN_CHARS = 300;
  private static final int BODY_BYTES = 64 * 1024;
  // once one replica took a post, how long the others may still take
  private static final long GRACE_MILLIS = 1_000;

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
              thread.setContextClassLoader(null);
              return thread;
            });
    var builder =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
    if (config.sslContext() != null) {
      builder.sslContext(config.sslContext());
    }
    this.http = withoutContextClassLoader(builder::build);
  }

  /**
   * The JDK 17 client's selector thread outlives {@link #close()} until the client is collected and
   * takes the context class loader of the thread that built it: never a web application's.
   */
  private static HttpClient withoutContextClassLoader(
      java.util.function.Supplier<HttpClient> build) {
    Thread current = Thread.currentThread();
    ClassLoader loader = current.getContextClassLoader();
    current.setContextClassLoader(null);
    try {
      return build.get();
    } finally {
      current.setContextClassLoader(loader);
    }
  }

  /** {@return each replica's answer to {@code POST /api/v2/alerts} with the body, in URL order} */
  public List<ReplicaAnswer> post(String json) {
    List<CompletableFuture<ReplicaAnswer>> answers = new ArrayList<>();
    String authorization = authorization();
    for (URI url : config.urls()) {
      answers.add(
          send(
              url,
              () ->
                  HttpRequest.newBuilder(url.resolve("api/v2/alerts"))
                      .timeout(AlertmanagerConfig.REQUEST_TIMEOUT)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)),
              authorization,
              SHOWN_CHARS,
              true));
    }
    return collect(answers);
  }

  /**
   * {@return the replica's answer to {@code GET /api/v2/status}, its body in {@code text} as it
   * came (JSON for {@link ReplicaStatus} to read, never printed as is)}
   */
  public ReplicaAnswer status(URI url) {
    return collect(
            List.of(
                send(
                    url,
                    () ->
                        HttpRequest.newBuilder(url.resolve("api/v2/status"))
                            .timeout(AlertmanagerConfig.REQUEST_TIMEOUT)
                            .header("Accept", "application/json")
                            .GET(),
                    authorization(),
                    -1,
                    true)))
        .get(0);
  }

  /**
   * One request; a failure to even build it (a header the token file made invalid) is an answer
   * like any other, never an exception out of the client. A connection the replica had closed while
   * idle is tried again once, at once: a POST is not retried by the JDK.
   *
   * @param shown the characters of the body kept, escaped; -1 for the whole body as it came
   */
  private CompletableFuture<ReplicaAnswer> send(
      URI url,
      java.util.function.Supplier<HttpRequest.Builder> request,
      String authorization,
      int shown,
      boolean retryStale) {
    HttpRequest built;
    try {
      HttpRequest.Builder builder = request.get();
      if (authorization != null) {
        builder.header("Authorization", authorization);
      }
      built = builder.build();
    } catch (RuntimeException e) {
      // never the header's value: it holds the credentials
      return CompletableFuture.completedFuture(
          new ReplicaAnswer(url, 0, "cannot build the request: " + e.getClass().getSimpleName()));
    }
    return http.sendAsync(built, info -> bounded())
        .handle(
            (response, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(
                    new ReplicaAnswer(
                        url,
                        response.statusCode(),
                        shown < 0 ? response.body() : shown(response.body(), shown)));
              }
              if (retryStale && isStale(failure)) {
                return send(url, request, authorization, shown, false);
              }
              return CompletableFuture.completedFuture(new ReplicaAnswer(url, 0, failure(failure)));
            })
        .thenCompose(answer -> answer);
  }

  /** A keep-alive connection the replica (or a proxy) closed while it was idle. */
  private static boolean isStale(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    String message = String.valueOf(cause.getMessage());
    return cause instanceof java.io.EOFException
        || message.contains("received no bytes")
        || message.contains("Connection reset");
  }

  /**
   * Every answer, or, once a replica took the post, whatever the others answer within a moment
   * more: a replica that is down must not hold every post for the whole timeout.
   */
  private List<ReplicaAnswer> collect(List<CompletableFuture<ReplicaAnswer>> answers) {
    long deadline =
        System.nanoTime()
            + TimeUnit.SECONDS.toNanos(AlertmanagerConfig.REQUEST_TIMEOUT.toSeconds() + 2);
    List<ReplicaAnswer> result = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      CompletableFuture<ReplicaAnswer> answer = answers.get(i);
      try {
        boolean someTook = result.stream().anyMatch(ReplicaAnswer::accepted);
        long left = deadline - System.nanoTime();
        long wait = someTook ? Math.min(left, TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)) : left;
        result.add(answer.get(Math.max(1, wait), TimeUnit.NANOSECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.add(new ReplicaAnswer(config.urls().get(i), 0, "interrupted"));
      } catch (java.util.concurrent.TimeoutException e) {
        answer.cancel(true);
        result.add(
            new ReplicaAnswer(
                config.urls().get(i),
                0,
                "no answer in time (another replica took it; this one is asked again soon)"));
      } catch (Exception e) {
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

  /**
   * The token file's first line, read again only when the file changed (a rotated token), without a
   * byte-order mark or anything a header cannot carry.
   */
  private synchronized String token(Path file) {
    try {
      FileTime time = Files.getLastModifiedTime(file);
      if (token == null || !time.equals(tokenTime)) {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
        int line = text.indexOf('\n');
        String first = (line < 0 ? text : text.substring(0, line)).strip();
        StringBuilder clean = new StringBuilder(first.length());
        for (int i = 0; i < first.length(); i++) {
          char c = first.charAt(i);
          if (c > ' ' && c < 0x7f) {
            clean.append(c); // a token is printable ASCII; anything else would break the header
          }
        }
        token = clean.toString();
        tokenTime = time;
      }
    } catch (IOException e) {
      // the last token read, if any, is still worth a try; the replica's 401 will say the rest
    }
    return token == null ? "" : token;
  }

  private static String failure(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof java.net.http.HttpConnectTimeoutException) {
      return "no connection within connectTimeout";
    }
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

  /** An answer's body as text, at most {@value #BODY_BYTES} bytes of it: a replica is a peer. */
  private static HttpResponse.BodySubscriber<String> bounded() {
    return new HttpResponse.BodySubscriber<>() {
      private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      private final CompletableFuture<String> body = new CompletableFuture<>();
      private Flow.Subscription subscription;

      @Override
      public CompletionStage<String> getBody() {
        return body;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
          int room = BODY_BYTES - bytes.size();
          if (room <= 0) {
            subscription.cancel();
            complete();
            return;
          }
          byte[] chunk = new byte[Math.min(room, buffer.remaining())];
          buffer.get(chunk);
          bytes.write(chunk, 0, chunk.length);
        }
      }

      @Override
      public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        complete();
      }

      private void complete() {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
      }
    };
  }

  /** Ends the client's threads. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}

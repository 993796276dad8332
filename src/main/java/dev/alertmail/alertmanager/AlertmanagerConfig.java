package dev.alertmail.alertmanager;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The Alertmanager route's settings, validated.
 *
 * @param urls every replica's base URL (never a load balancer: replicas share silences and the
 *     notification log, not alerts)
 * @param labels labels added to every alert, or replacing a default one ({@code instance}, {@code
 *     alertname}, {@code severity}, {@code service})
 * @param refresh how often every active alert is posted again
 * @param resolveAfter how long a problem must be quiet before it is resolved
 * @param fallbackAfter how long a problem's first firing may go unaccepted by every replica before
 *     it is mailed directly; zero for never
 * @param generatorUrl the {@code generatorURL} pattern with {@code {fingerprint}}, {@code
 *     {service}} and {@code {instance}}, or null
 * @param username basic authentication's user, or null
 * @param password basic authentication's password, or null
 * @param tokenFile a file holding a bearer token, re-read when it changes, or null
 * @param sslContext the TLS context with the configured trust store, or null for the JVM's
 * @param connectTimeout bound on connecting to a replica
 */
public record AlertmanagerConfig(
    List<URI> urls,
    Map<String, String> labels,
    Duration refresh,
    Duration resolveAfter,
    Duration fallbackAfter,
    String generatorUrl,
    String username,
    String password,
    Path tokenFile,
    SSLContext sslContext,
    Duration connectTimeout) {

  /** The default {@code alertname}. */
  public static final String ALERTNAME = "ApplicationError";

  /** Bound on a whole request to a replica, answer included. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Checks the required fields and copies the collections. */
  public AlertmanagerConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one Alertmanager URL is needed");
    }
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(resolveAfter, "resolveAfter");
    Objects.requireNonNull(fallbackAfter, "fallbackAfter");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "AlertmanagerConfig[urls="
        + urls
        + ", labels="
        + labels
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : "****")
        + ", tokenFile="
        + tokenFile
        + "]";
  }
}

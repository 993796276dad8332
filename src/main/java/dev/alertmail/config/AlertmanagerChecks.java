package dev.alertmail.config;

import dev.alertmail.alertmanager.AlertmanagerConfig;
import dev.alertmail.alertmanager.PostableAlert;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The checks of the Alertmanager settings, which together make the fleet's route or none. Found at
 * start, as every other setting's problem, never at the first alert: Alertmanager answers 400 to a
 * batch with one bad label in it.
 */
public final class AlertmanagerChecks {

  /** The settings of the Alertmanager route, in the order the README lists them. */
  public static final List<String> NAMES =
      List.of(
          "alertmanagerUrl",
          "alertmanagerLabels",
          "alertmanagerRefresh",
          "resolveAfter",
          "fallbackAfter",
          "generatorUrl",
          "alertmanagerUsername",
          "alertmanagerPassword",
          "alertmanagerTokenFile");

  private static final Duration MAX_REFRESH = Duration.ofHours(1);
  private static final Duration MAX_RESOLVE = Duration.ofDays(30);
  private static final Duration MAX_FALLBACK = Duration.ofDays(1);

  private final List<String> problems;
  private final SettingChecks check;

  /** Checks that add each problem to the list. */
  public AlertmanagerChecks(List<String> problems) {
    this.problems = problems;
    this.check = new SettingChecks(problems);
  }

  /**
   * {@return the route's settings, or null when no URL is set or a problem was found}
   *
   * @param trust the TLS context of the trust store, or null for the JVM's
   * @param clearTextAllowed whether {@code <tls>NONE</tls>} allows credentials over plain http
   */
  public AlertmanagerConfig route(
      AlertMailSettings settings, SSLContext trust, boolean clearTextAllowed, Duration connect) {
    String urls = settings.get("alertmanagerUrl");
    if (urls == null) {
      for (String name : NAMES) {
        if (settings.get(name) != null) {
          problems.add(
              "<"
                  + name
                  + "> is set but <alertmanagerUrl> is not: write every replica's URL, e.g."
                  + " <alertmanagerUrl>http://am-0:9093, http://am-1:9093</alertmanagerUrl>.");
          return null;
        }
      }
      return null;
    }
    int before = problems.size();
    List<URI> replicas = urls(urls);
    Map<String, String> labels = labels(settings.get("alertmanagerLabels"));
    Duration refresh =
        atLeastASecond(
            "alertmanagerRefresh",
            check.positive(
                "alertmanagerRefresh", settings.get("alertmanagerRefresh"), 60_000, MAX_REFRESH));
    Duration resolveAfter =
        atLeastASecond(
            "resolveAfter",
            check.positive("resolveAfter", settings.get("resolveAfter"), 300_000, MAX_RESOLVE));
    Duration fallbackAfter =
        check.notNegative("fallbackAfter", settings.get("fallbackAfter"), 120_000, MAX_FALLBACK);
    String generator = generatorUrl(settings.get("generatorUrl"));
    String username = settings.get("alertmanagerUsername");
    String password = settings.get("alertmanagerPassword");
    String tokenFile = settings.get("alertmanagerTokenFile");
    credentials(username, password, tokenFile);
    if ((username != null || tokenFile != null) && !clearTextAllowed) {
      for (URI url : replicas) {
        if (url.getScheme().equals("http") && !isLoopback(url.getHost())) {
          problems.add(
              "<alertmanagerUrl> "
                  + url
                  + " is plain http, and the Alertmanager credentials would travel in clear"
                  + " text: use https://, or write <tls>NONE</tls> to allow it on a trusted"
                  + " network.");
        }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new AlertmanagerConfig(
        replicas,
        labels,
        refresh,
        resolveAfter,
        fallbackAfter,
        generator,
        username,
        password,
        tokenFile == null ? null : Path.of(tokenFile.strip()),
        trust,
        connect);
  }

  /** Posting every millisecond helps nobody and loads every replica. */
  private Duration atLeastASecond(String name, Duration duration) {
    if (!duration.isNegative()
        && !duration.isZero()
        && duration.compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add(
          "<"
              + name
              + "> must be at least 1 second: write e.g. <"
              + name
              + ">60 seconds</"
              + name
              + ">.");
    }
    return duration;
  }

  private List<URI> urls(String value) {
    List<URI> urls = new ArrayList<>();
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String text = part.strip();
      try {
        URI url = new URI(text);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")
            || url.getHost() == null
            || url.getRawQuery() != null
            || url.getRawFragment() != null
            || url.getRawUserInfo() != null) {
          throw new URISyntaxException(text, "not an http(s) URL of a host");
        }
        String path =
            url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        // the API's paths are resolved against it: a path prefix needs its trailing slash
        url =
            new URI(scheme, null, url.getHost(), url.getPort(), null, null, null)
                .resolve(path.endsWith("/") ? path : path + "/");
        if (!urls.contains(url)) {
          urls.add(url);
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        problems.add(
            "<alertmanagerUrl> '"
                + printable(text)
                + "' is not an Alertmanager URL: write each replica's base URL, comma-separated,"
                + " e.g. <alertmanagerUrl>http://am-0:9093, http://am-1:9093</alertmanagerUrl>"
                + " (never a load balancer: every replica must get every alert).");
      }
    }
    if (urls.isEmpty() && problems.isEmpty()) {
      problems.add("<alertmanagerUrl> names no URL: write e.g. http://am-0:9093.");
    }
    return urls;
  }

  private Map<String, String> labels(String value) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (value == null) {
      return labels;
    }
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int equals = part.indexOf('=');
      String name = equals < 0 ? part.strip() : part.substring(0, equals).strip();
      String label = equals < 0 ? "" : part.substring(equals + 1).strip();
      if (name.equals("fingerprint")) {
        problems.add(
            "<alertmanagerLabels> may not set fingerprint: it is the problem itself, and one value"
                + " for all would merge every problem into one alert.");
      } else if (!PostableAlert.isLabelName(name) || label.isEmpty()) {
        problems.add(
            "<alertmanagerLabels> '"
                + printable(part.strip())
                + "' is not name=value with a name of letters, digits and _ (not first a digit)"
                + " and a value: write e.g. <alertmanagerLabels>env=prod, team=payments"
                + "</alertmanagerLabels>.");
      } else {
        labels.put(name, label);
      }
    }
    return labels;
  }

  private String generatorUrl(String pattern) {
    if (pattern == null) {
      return null;
    }
    String sample =
        pattern
            .strip()
            .replace("{fingerprint}", "0123456789ab")
            .replace("{service}", "shop")
            .replace("{instance}", "app1");
    try {
      URI url = new URI(sample);
      if (url.isAbsolute() && url.getScheme() != null) {
        return pattern.strip();
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(
        "<generatorUrl> '"
            + printable(pattern)
            + "' is not an absolute URL once {fingerprint}, {service} and {instance} are filled"
            + " in (Alertmanager refuses an alert whose generatorURL is not one): write e.g."
            + " <generatorUrl>https://logs.example.com/?q={fingerprint}</generatorUrl>.");
    return null;
  }

  private void credentials(String username, String password, String tokenFile) {
    if (username != null && password == null) {
      problems.add(
          "<alertmanagerUsername> is set but <alertmanagerPassword> is not: write"
              + " <alertmanagerPassword>${AM_PASSWORD}</alertmanagerPassword>.");
    } else if (password != null && username == null) {
      problems.add(
          "<alertmanagerPassword> is set but <alertmanagerUsername> is not: write"
              + " <alertmanagerUsername>alertmail</alertmanagerUsername>.");
    }
    if (tokenFile != null && (username != null || password != null)) {
      problems.add(
          "<alertmanagerTokenFile> and <alertmanagerUsername> are both set: choose bearer token or"
              + " basic authentication.");
    }
    if (tokenFile != null && !Files.isReadable(Path.of(tokenFile.strip()))) {
      problems.add(
          "<alertmanagerTokenFile> '"
              + printable(tokenFile)
              + "' is not a readable file: write the path of a file holding the bearer token.");
    }
  }

  private static boolean isLoopback(String host) {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean ipv4 = name.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.');
    boolean ipv6 = name.indexOf(':') >= 0;
    if (!ipv4 && !ipv6) {
      return false; // a name: resolving it here could block start(); it is not loopback
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String printable(String value) {
    return value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
  }
}

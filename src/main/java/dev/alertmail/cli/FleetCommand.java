package dev.alertmail.cli;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.AlertEvent;
import dev.alertmail.alertmanager.ActiveAlerts;
import dev.alertmail.alertmanager.AlertmanagerClient;
import dev.alertmail.alertmanager.AlertmanagerConfig;
import dev.alertmail.alertmanager.PostableAlert;
import dev.alertmail.alertmanager.ReplicaAnswer;
import dev.alertmail.alertmanager.ReplicaStatus;
import dev.alertmail.config.AlertMailSettings;
import dev.alertmail.config.AlertmanagerChecks;
import dev.alertmail.smtp.TrustStores;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;

/**
 * The command line as a fleet's Alertmanager client: {@code send} and {@code zabbix} post one alert
 * to every replica, firing until {@code resolveAfter}; {@code check} asks each replica for its
 * status. The same settings and words as the appenders'.
 */
final class FleetCommand {

  /** Where a one-off alert comes from, when no label says otherwise. */
  static final String SERVICE = "alertmail";

  private FleetCommand() {}

  /** {@return the fleet's settings from the command line's, or null when no URL is set} */
  static AlertmanagerConfig config(Settings settings) throws CliFailure {
    if (settings.get("alertmanagerUrl") == null) {
      return null;
    }
    AlertMailSettings fleet = new AlertMailSettings();
    for (String name : AlertMailSettings.ALERTMANAGER_NAMES) {
      fleet.set(name, settings.get(name));
    }
    List<String> problems = new ArrayList<>();
    SSLContext trust =
        TrustStores.context(
            settings.get("trustStore"), settings.get("trustStorePassword"), problems);
    Duration connect = Duration.ofSeconds(10);
    if (settings.get("connectTimeout") != null) {
      try {
        connect = dev.alertmail.config.SettingDuration.parse(settings.get("connectTimeout"));
      } catch (IllegalArgumentException e) {
        throw new CliFailure(
            ExitCode.CONFIG,
            "<connectTimeout> '"
                + settings.get("connectTimeout")
                + "' is not a duration such as '10 seconds'");
      }
    }
    AlertmanagerConfig config =
        new AlertmanagerChecks(problems)
            .route(fleet, trust, "none".equalsIgnoreCase(settings.get("tls")), connect);
    if (!problems.isEmpty()) {
      throw new CliFailure(ExitCode.CONFIG, problems.get(0));
    }
    return config;
  }

  /**
   * Posts one alert to every replica. {@return OK when a replica took it}; the caller mails instead
   * when none did and mail is configured.
   */
  static ExitCode post(
      AlertmanagerConfig config, String subject, String body, PrintStream out, PrintStream err) {
    Instant now = Instant.now();
    String instance = localHostName();
    var event =
        new AlertEvent(now.toEpochMilli(), "ERROR", SERVICE, subject, body, "", Map.of(), null);
    PostableAlert alert =
        new ActiveAlerts(
                config, SERVICE, instance, List.of(), "alertmail.invalid", new SplittableRandom())
            .once(new Alert(event, List.of(), subject), now);
    List<ReplicaAnswer> answers;
    try (AlertmanagerClient client = new AlertmanagerClient(config)) {
      answers = client.post(PostableAlert.json(List.of(alert)));
    }
    List<String> took = new ArrayList<>();
    ExitCode failure = ExitCode.TEMP_FAIL;
    for (ReplicaAnswer answer : answers) {
      if (answer.accepted()) {
        took.add(answer.url().toString());
      } else {
        err.println("alertmail: " + answer);
        if (answer.refused()) {
          failure = ExitCode.CONFIG; // the alert itself is wrong: a label, the generatorUrl
        } else if (answer.status() == 401 || answer.status() == 403) {
          failure = failure == ExitCode.CONFIG ? failure : ExitCode.NO_PERM;
        }
      }
    }
    if (took.isEmpty()) {
      return failure;
    }
    out.println(
        "posted to "
            + String.join(", ", took)
            + " (fingerprint "
            + alert.labels().get("fingerprint")
            + ", firing until "
            + alert.endsAt()
            + ")");
    if (took.size() < answers.size()) {
      err.println(
          "alertmail: warning: not every replica took it; each must, since replicas share no"
              + " alerts");
    }
    return ExitCode.OK;
  }

  /** Asks each replica for its status. {@return OK when all answered} */
  static ExitCode check(AlertmanagerConfig config, PrintStream out) {
    List<URI> down = new ArrayList<>();
    try (AlertmanagerClient client = new AlertmanagerClient(config)) {
      for (URI url : config.urls()) {
        ReplicaStatus status = ReplicaStatus.of(client.status(url));
        out.println("alertmanager " + url + ": " + status);
        if (!status.up()) {
          down.add(url);
        } else if (config.urls().size() > 1
            && (status.cluster().equals("disabled") || status.peers() < config.urls().size())) {
          out.println(
              "warning: "
                  + url
                  + " is not clustered with the other URLs ("
                  + (status.cluster().equals("disabled")
                      ? "clustering disabled"
                      : status.peers() + " peers for " + config.urls().size() + " URLs")
                  + "): each replica would notify on its own, so every problem twice");
        }
      }
    }
    if (down.isEmpty()) {
      return ExitCode.OK;
    }
    out.println(
        (down.size() == config.urls().size() ? "no replica answers" : down + " down")
            + ": alerts reach only the replicas that answer, and mail is the fallback when none"
            + " does");
    return ExitCode.TEMP_FAIL;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}

package dev.alertmail.alertmanager;

import dev.alertmail.text.UntrustedText;
import java.util.List;

/**
 * A replica's answer to {@code GET /api/v2/status}, in the words an operator checks: whether it
 * answers, its version, its cluster's state and peers.
 *
 * @param up whether it answered with a status
 * @param version its version, or empty
 * @param cluster its cluster's state ({@code ready}, {@code settling}, {@code disabled}), or empty
 * @param peers the cluster's peers it knows, itself included
 * @param failure why it did not answer, or empty
 */
public record ReplicaStatus(boolean up, String version, String cluster, int peers, String failure) {

  /** {@return the status read from an answer} */
  public static ReplicaStatus of(ReplicaAnswer answer) {
    if (!answer.accepted()) {
      String text = answer.status() == 0 ? answer.text() : answer.status() + " " + answer.text();
      return new ReplicaStatus(
          false, "", "", 0, shown(text.length() <= 300 ? text : text.substring(0, 300) + "..."));
    }
    try {
      Object json = JsonReader.parse(answer.text());
      Object version = JsonReader.at(json, "versionInfo", "version");
      Object cluster = JsonReader.at(json, "cluster", "status");
      Object peers = JsonReader.at(json, "cluster", "peers");
      return new ReplicaStatus(
          true,
          version instanceof String v ? shown(v) : "",
          cluster instanceof String c ? shown(c) : "",
          peers instanceof List<?> list ? list.size() : 0,
          "");
    } catch (IllegalArgumentException e) {
      return new ReplicaStatus(
          false, "", "", 0, "answered, but not as Alertmanager does: " + e.getMessage());
    }
  }

  // the replica's words: escaped before they reach a terminal
  private static String shown(String text) {
    return UntrustedText.visible(text.length() <= 100 ? text : text.substring(0, 100) + "...");
  }

  /** {@return e.g. {@code up, version 0.25.0, cluster ready with 2 peers}} */
  @Override
  public String toString() {
    if (!up) {
      return "DOWN " + failure;
    }
    return "up, version "
        + (version.isEmpty() ? "unknown" : version)
        + ", cluster "
        + (cluster.isEmpty() ? "unknown" : cluster)
        + (peers > 0 ? " with " + peers + (peers == 1 ? " peer" : " peers") : "");
  }
}

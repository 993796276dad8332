package dev.alertmail.alertmanager;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's API v2 takes it ({@code postableAlert}): labels are its identity,
 * annotations its content, the latest post wins.
 *
 * @param labels label names to values; names match {@code [a-zA-Z_][a-zA-Z0-9_]*}, values are not
 *     empty
 * @param annotations annotation names to values
 * @param startsAt when the problem started
 * @param endsAt when Alertmanager may consider it resolved unless posted again
 * @param generatorUrl a link back to the logs, or null
 */
public record PostableAlert(
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl) {

  /** Checks the fields (Alertmanager answers 400 to a batch with one bad alert in it). */
  public PostableAlert {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    labels.forEach(
        (name, value) -> {
          if (!isLabelName(name)) {
            throw new IllegalArgumentException("not a label name: " + name);
          }
          if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("label " + name + " has no value");
          }
        });
    if (endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("endsAt before startsAt");
    }
  }

  /** {@return whether Alertmanager takes this as a label name} */
  public static boolean isLabelName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
      if (!(letter || i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** {@return the alerts as the JSON array {@code POST /api/v2/alerts} takes} */
  public static String json(List<PostableAlert> alerts) {
    var out = new StringBuilder(512 * alerts.size() + 2).append('[');
    for (int i = 0; i < alerts.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      alerts.get(i).appendJson(out);
    }
    return out.append(']').toString();
  }

  private void appendJson(StringBuilder out) {
    out.append("{\"labels\":");
    JsonText.object(out, labels);
    out.append(",\"annotations\":");
    JsonText.object(out, annotations);
    out.append(",\"startsAt\":");
    JsonText.string(out, startsAt.toString());
    out.append(",\"endsAt\":");
    JsonText.string(out, endsAt.toString());
    if (generatorUrl != null) {
      out.append(",\"generatorURL\":");
      JsonText.string(out, generatorUrl);
    }
    out.append('}');
  }
}

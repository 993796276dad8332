package dev.alertmail.alertmanager;

import java.net.URI;

/**
 * What one replica answered a request: an HTTP status, or the failure that kept it from answering.
 *
 * @param url the replica's base URL
 * @param status the HTTP status, or 0 when it did not answer
 * @param text what it said (its body, or the failure), escaped and cut, for reports
 */
public record ReplicaAnswer(URI url, int status, String text) {

  /** {@return whether the replica took the request} */
  public boolean accepted() {
    return status >= 200 && status < 300;
  }

  /** {@return whether it refused the request as malformed: sending it again will not help} */
  public boolean refused() {
    return status == 400 || status == 422;
  }

  /** {@return e.g. {@code http://am-0:9093: 503 service unavailable}} */
  @Override
  public String toString() {
    return url + ": " + (status == 0 ? "" : status + (text.isEmpty() ? "" : " ")) + text;
  }
}

package dev.alertmail.mail;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Where alerts come from, as shown in the mail.
 *
 * @param application the application's name (Logback's context name)
 * @param host the name of the host the application runs on
 * @param zone the zone timestamps are shown in
 */
public record Origin(String application, String host, ZoneId zone) {

  /** Replaces missing names with empty ones and requires a zone. */
  public Origin {
    application = application == null ? "" : application;
    host = host == null ? "" : host;
    Objects.requireNonNull(zone, "zone");
  }
}

package dev.alertmail.mail;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Where alerts come from, as shown in the mail.
 *
 * @param application the application's name (Logback's context name)
 * @param host the name of the host the application runs on
 * @param zone the zone timestamps are shown in
 * @param appPackages the package prefixes of the application's own code, for "where" it failed;
 *     empty to derive them from each triggering logger's name
 */
public record Origin(String application, String host, ZoneId zone, List<String> appPackages) {

  /** Replaces missing names with empty ones and requires a zone. */
  public Origin {
    application = application == null ? "" : application;
    host = host == null ? "" : host;
    Objects.requireNonNull(zone, "zone");
    appPackages = appPackages == null ? List.of() : List.copyOf(appPackages);
  }

  /** An origin whose application packages are derived from the loggers. */
  public Origin(String application, String host, ZoneId zone) {
    this(application, host, zone, List.of());
  }
}

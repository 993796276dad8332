/**
 * The route for a fleet: each appender is a Prometheus Alertmanager client, as Prometheus is one. A
 * problem becomes one alert, identified by a few stable labels ({@code alertname}, {@code service},
 * {@code fingerprint}, {@code instance}, {@code severity}), its content in annotations; it is
 * posted to every replica at once ({@code POST /api/v2/alerts}), refreshed while it lasts, resolved
 * when it has stopped, and Alertmanager, clustered, sends one notification per problem for the
 * whole fleet.
 *
 * <p>Knows the {@code alert} package and the JDK's HTTP client; the sender thread in {@code
 * delivery} drives it and falls back to mail.
 */
package dev.alertmail.alertmanager;

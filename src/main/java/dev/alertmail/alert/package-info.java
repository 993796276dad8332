/**
 * Immutable snapshots of log events and alerts, independent of any logging framework.
 *
 * <p>Only the JDK is known here; the {@code logback} package adapts Logback events to these types.
 */
package dev.alertmail.alert;

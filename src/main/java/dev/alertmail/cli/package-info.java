/**
 * The command line: {@code alertmail send}, {@code alertmail zabbix} and {@code alertmail check},
 * the same SMTP client as the appender, for monitoring systems and for people debugging delivery.
 * {@link dev.alertmail.cli.AlertMailCli} is the entry point.
 */
package dev.alertmail.cli;

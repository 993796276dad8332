/**
 * Text that came from outside (a server's reply, a token endpoint, a log event) made safe to show
 * on a terminal, in a log or in a mail.
 *
 * <p>Only the JDK is known here; every other package may use it.
 */
package dev.alertmail.text;

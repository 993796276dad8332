/**
 * Alert mail: formats a {@link dev.alertmail.alert.Digest} as plain text and HTML and renders it as
 * an RFC 5322 / MIME message.
 *
 * <p>{@link dev.alertmail.mail.AlertMailComposer} turns a digest into a {@link
 * dev.alertmail.mail.MailMessage}; {@link dev.alertmail.mail.MimeRenderer} turns that into the
 * bytes an SMTP client sends after {@code DATA} (before dot-stuffing, which is the SMTP layer's
 * job). Only the JDK, commons-codec and the {@code alert} package are known here.
 */
package dev.alertmail.mail;

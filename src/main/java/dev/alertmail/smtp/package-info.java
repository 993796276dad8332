/**
 * One SMTP session over a socket: reply parsing, capabilities, STARTTLS, AUTH mechanisms and a
 * transcript with secrets masked.
 *
 * <p>Only the JDK and commons-codec are known here. {@link dev.alertmail.smtp.SmtpClient} is the
 * entry point; everything else public is an immutable value it takes or returns.
 */
package dev.alertmail.smtp;

package dev.alertmail.mail;

import java.util.Objects;

/**
 * A mailbox address {@code local@domain}, checked so that it can be written into a header and an
 * SMTP command as is.
 *
 * @param localPart the part before the {@code @}, ASCII only
 * @param domain the domain, in ASCII (international domains in their {@code xn--} form)
 */
public record MailAddress(String localPart, String domain) {

  /** Checks both parts; use {@link #parse(String)} to read an address a user wrote. */
  public MailAddress {
    Objects.requireNonNull(localPart, "localPart");
    Objects.requireNonNull(domain, "domain");
  }

  /**
   * Parses {@code local@domain}, optionally surrounded by spaces.
   *
   * <p>A non-ASCII domain is converted to its ASCII form with {@link java.net.IDN#toASCII}; a
   * non-ASCII local part is rejected because it would need SMTPUTF8, which is not supported.
   *
   * @param text the address as a user wrote it
   * @return the address
   * @throws IllegalArgumentException with a message saying what is wrong with the text
   */
  public static MailAddress parse(String text) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Returns {@code local@domain}. */
  @Override
  public String toString() {
    return localPart + "@" + domain;
  }
}

package dev.alertmail.smtp;

import dev.alertmail.text.UntrustedText;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the server announced in its EHLO reply (RFC 5321 §4.1.1.1), reduced to what the client uses.
 *
 * @param authMechanisms SASL mechanism names in upper case, in the order announced
 * @param startTls whether STARTTLS is offered
 * @param maxSize the SIZE limit in octets, or 0 when none was announced
 * @param eightBitMime whether 8BITMIME is offered
 * @param pipelining whether PIPELINING is offered (not used yet; kept for the transcript's reader)
 */
record Capabilities(
    Set<String> authMechanisms,
    boolean startTls,
    long maxSize,
    boolean eightBitMime,
    boolean pipelining) {

  /** What a server answering HELO supports: nothing beyond RFC 821. */
  static final Capabilities NONE = new Capabilities(Set.of(), false, 0, false, false);

  Capabilities {
    authMechanisms = Set.copyOf(authMechanisms);
  }

  /** Parses an EHLO reply; the first line is the greeting and carries no keyword. */
  static Capabilities parse(SmtpReply ehloReply) {
    Set<String> auth = new LinkedHashSet<>();
    boolean startTls = false;
    long maxSize = 0;
    boolean eightBitMime = false;
    boolean pipelining = false;
    var lines = ehloReply.lines();
    for (int i = 1; i < lines.size(); i++) {
      String[] words = lines.get(i).trim().toUpperCase(Locale.ROOT).split("[ \t]+");
      String keyword = words[0];
      if (keyword.equals("AUTH") || keyword.startsWith("AUTH=")) {
        // "AUTH=LOGIN PLAIN" is the pre-RFC 4954 form some servers still send
        if (keyword.startsWith("AUTH=")) {
          addIfPresent(auth, keyword.substring(5));
        }
        for (int w = 1; w < words.length; w++) {
          addIfPresent(auth, words[w]);
        }
      } else if (keyword.equals("STARTTLS")) {
        startTls = true;
      } else if (keyword.equals("SIZE")) {
        maxSize = words.length > 1 ? parseSize(words[1]) : 0;
      } else if (keyword.equals("8BITMIME")) {
        eightBitMime = true;
      } else if (keyword.equals("PIPELINING")) {
        pipelining = true;
      }
    }
    return new Capabilities(auth, startTls, maxSize, eightBitMime, pipelining);
  }

  /** {@return whether the server announced the given AUTH mechanism} */
  boolean offersAuth(AuthMechanism mechanism) {
    return authMechanisms.contains(mechanism.name());
  }

  private static void addIfPresent(Set<String> auth, String mechanism) {
    if (!mechanism.isEmpty()) {
      auth.add(UntrustedText.visible(mechanism)); // the server's words, shown in messages
    }
  }

  private static long parseSize(String value) {
    try {
      return Math.max(0, Long.parseLong(value));
    } catch (NumberFormatException e) {
      return 0; // a garbled SIZE is no reason to refuse to send; the server still decides
    }
  }

  /** {@return what the server offers, as a person reads it, e.g. "STARTTLS, AUTH PLAIN LOGIN"} */
  String describe() {
    var parts = new java.util.ArrayList<String>();
    if (startTls) {
      parts.add("STARTTLS");
    }
    if (!authMechanisms.isEmpty()) {
      parts.add("AUTH " + String.join(" ", authMechanisms));
    }
    if (maxSize > 0) {
      parts.add("SIZE " + maxSize);
    }
    if (pipelining) {
      parts.add("PIPELINING");
    }
    if (eightBitMime) {
      parts.add("8BITMIME");
    }
    return parts.isEmpty() ? "no extensions" : String.join(", ", parts);
  }
}

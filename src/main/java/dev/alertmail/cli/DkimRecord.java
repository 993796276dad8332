package dev.alertmail.cli;

import dev.alertmail.mail.DkimKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM key record as published at {@code selector._domainkey.domain} (RFC 6376 §3.6.1), read the
 * way verifiers read it: a record they would not use for this key is a problem, named.
 *
 * @param tags the tags, names in lower case, white space taken out of values
 */
record DkimRecord(Map<String, String> tags) {

  /** {@return the tags of {@code v=DKIM1; k=rsa; p=...}} */
  static DkimRecord parse(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        tags.put(
            part.substring(0, equals).strip().toLowerCase(Locale.ROOT),
            part.substring(equals + 1).replaceAll("\\s", ""));
      }
    }
    return new DkimRecord(tags);
  }

  /** {@return whether it is a key record at all: it has {@code p=}} */
  boolean isKey() {
    return tags.containsKey("p");
  }

  /** {@return the key type, {@code k=}, RSA when absent} */
  String keyType() {
    return tags.getOrDefault("k", "rsa");
  }

  /** {@return whether {@code t=} has {@code y}: testing, receivers may treat mail as unsigned} */
  boolean testing() {
    return List.of(tags.getOrDefault("t", "").split(":")).contains("y");
  }

  /** {@return why a verifier would not verify mail signed with the key by this record, or null} */
  String problem(DkimKey key) {
    String version = tags.get("v");
    if (version != null && !version.equals("DKIM1")) {
      return "the record's v=" + version + " is not DKIM1: verifiers ignore it";
    }
    if (tags.get("p").isEmpty()) {
      return "the record's p= is empty: the key was revoked";
    }
    if (!keyType().equalsIgnoreCase(key.algorithm().keyType())) {
      return "the record is for k=" + keyType() + ", the key is " + key.algorithm().keyType();
    }
    String hashes = tags.get("h");
    if (hashes != null && !List.of(hashes.toLowerCase(Locale.ROOT).split(":")).contains("sha256")) {
      return "the record's h=" + hashes + " does not allow sha256, which AlertMail signs with";
    }
    String services = tags.get("s");
    if (services != null
        && !List.of(services.split(":")).contains("email")
        && !List.of(services.split(":")).contains("*")) {
      return "the record's s=" + services + " is not for email (s=email or s=*, or none)";
    }
    if (!samePublicKey(Base64.getDecoder().decode(key.publicKeyBase64()), tags.get("p"))) {
      return "the record's p= is another key than the one in dkimKey";
    }
    return null;
  }

  /**
   * Whether {@code p=} holds the key: the same bytes, or, for RSA, the PKCS#1 {@code RSAPublicKey}
   * that some tools publish instead of the whole SubjectPublicKeyInfo, which ends with it (after
   * the BIT STRING's unused-bits byte, 0).
   */
  static boolean samePublicKey(byte[] ours, String p) {
    byte[] published;
    try {
      published = Base64.getDecoder().decode(p);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (Arrays.equals(ours, published)) {
      return true;
    }
    int at = ours.length - published.length;
    return published.length > 0
        && published[0] == 0x30
        && at > 0
        && ours[at - 1] == 0
        && Arrays.equals(ours, at, ours.length, published, 0, published.length);
  }
}

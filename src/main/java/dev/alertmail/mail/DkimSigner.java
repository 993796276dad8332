package dev.alertmail.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs a rendered mail with a {@code DKIM-Signature} header (RFC 6376; {@code ed25519-sha256} as
 * RFC 8463), relaxed/relaxed, over the bytes as they go on the wire (before dot-stuffing, which the
 * SMTP layer does and the receiver undoes). The header goes on top; nothing below it changes after
 * signing, so a mail sent again (a retry, other recipients) keeps a valid signature.
 *
 * <p>Each header of {@link #HEADERS} that the mail has is signed as often as it occurs, plus once
 * more ("oversigning"), and one it lacks is signed as absent: a copy added on the way (a second
 * {@code From} or {@code Subject} that a mail client might show) breaks the signature.
 */
public final class DkimSigner {

  /** The headers signed, when the mail has them. */
  public static final List<String> HEADERS =
      List.of(
          "From",
          "Reply-To",
          "To",
          "Cc",
          "Subject",
          "Date",
          "Message-ID",
          "MIME-Version",
          "Content-Type",
          "Content-Transfer-Encoding",
          "References",
          "In-Reply-To",
          "List-Id");

  private static final int LINE = 76;

  private final String domain;
  private final String selector;
  private final DkimKey key;
  private final InstantSource clock;

  /**
   * A signer for {@code d=domain}, {@code s=selector}.
   *
   * @param clock the time written as {@code t=}
   */
  public DkimSigner(String domain, String selector, DkimKey key, InstantSource clock) {
    this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
    this.selector = Objects.requireNonNull(selector, "selector").toLowerCase(Locale.ROOT);
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@return the signing domain, {@code d=}} */
  public String domain() {
    return domain;
  }

  /** {@return the selector, {@code s=}} */
  public String selector() {
    return selector;
  }

  /** {@return the key} */
  public DkimKey key() {
    return key;
  }

  /** {@return the name of the DNS record that holds the public key} */
  public String recordName() {
    return selector + "._domainkey." + domain;
  }

  /**
   * {@return the mail with its {@code DKIM-Signature} header on top} A bare CR or LF in the mail
   * comes back as CRLF, as SMTP sends it, so that the signature covers what the receiver gets.
   */
  public byte[] sign(byte[] rendered) {
    byte[] message = DkimCanonical.wireLineEnds(rendered);
    DkimCanonical.Parsed parsed = DkimCanonical.parse(message);
    String bodyHash = Base64.getEncoder().encodeToString(bodyHash(message, parsed.bodyStart()));

    List<String> signed = new ArrayList<>();
    Map<String, List<DkimCanonical.Field>> byName = new HashMap<>();
    for (DkimCanonical.Field field : parsed.fields()) {
      byName
          .computeIfAbsent(field.name().strip().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
          .add(field);
    }
    var input = new StringBuilder(2048);
    for (String name : HEADERS) {
      List<DkimCanonical.Field> present =
          byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      // the instances from the bottom up (RFC 6376 §5.4.2), then one that does not exist
      for (int i = present.size() - 1; i >= 0; i--) {
        signed.add(name);
        input.append(DkimCanonical.header(present.get(i).name(), present.get(i).value()));
      }
      signed.add(name);
    }

    String unsigned = header(bodyHash, signed);
    String value = unsigned.substring(unsigned.indexOf(':') + 1);
    String canonical = DkimCanonical.header("DKIM-Signature", value);
    // the signature header is signed with an empty b= and without its CRLF
    input.append(canonical, 0, canonical.length() - 2);
    byte[] signature = key.sign(input.toString().getBytes(StandardCharsets.ISO_8859_1));

    var out = new ByteArrayOutputStream(message.length + 1024);
    byte[] head =
        (unsigned + fold(Base64.getEncoder().encodeToString(signature), unsigned) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    out.write(head, 0, head.length);
    out.write(message, 0, message.length);
    return out.toByteArray();
  }

  /** The header up to and including {@code b=}, folded at tag boundaries. */
  private String header(String bodyHash, List<String> signed) {
    var lines = new StringBuilder("DKIM-Signature:");
    var line = new StringBuilder(lines);
    List<String> tags =
        List.of(
            "v=1;",
            "a=" + key.algorithm().tag() + ";",
            "c=relaxed/relaxed;",
            "d=" + domain + ";",
            "s=" + selector + ";",
            "t=" + clock.instant().getEpochSecond() + ";",
            "h=" + String.join(":", signed) + ";",
            "bh=" + bodyHash + ";",
            "b=");
    for (String tag : tags) {
      for (String word : tag.startsWith("h=") ? splitAfterColons(tag) : List.of(tag)) {
        boolean continues = word != tag && !word.startsWith("h=");
        if (line.length() + 1 + word.length() > LINE) {
          lines.append("\r\n\t");
          line.setLength(0);
          line.append('\t');
        } else if (!continues) {
          lines.append(' ');
          line.append(' ');
        }
        lines.append(word);
        line.append(word);
      }
    }
    return lines.toString();
  }

  /** {@code h=From:To;} as {@code h=From:}, {@code To;}: a header list may fold after a colon. */
  private static List<String> splitAfterColons(String tag) {
    List<String> words = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < tag.length(); i++) {
      if (tag.charAt(i) == ':') {
        words.add(tag.substring(from, i + 1));
        from = i + 1;
      }
    }
    words.add(tag.substring(from));
    return words;
  }

  /** The signature's Base64, folded to the line length after what the header holds so far. */
  private static String fold(String base64, String header) {
    int column = header.length() - header.lastIndexOf('\n') - 1;
    var out = new StringBuilder(base64.length() + 16);
    int at = 0;
    while (at < base64.length()) {
      int room = Math.max(8, LINE - column);
      int end = Math.min(base64.length(), at + room);
      if (at > 0) {
        out.append("\r\n\t");
        column = 1;
        end = Math.min(base64.length(), at + LINE - 1);
      }
      out.append(base64, at, end);
      column += end - at;
      at = end;
    }
    return out.toString();
  }

  private static byte[] bodyHash(byte[] message, int bodyStart) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      try (var digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
        DkimCanonical.body(message, bodyStart, digest);
      }
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    } catch (IOException e) {
      throw new UncheckedIOException("a digest does not fail to write", e);
    }
  }
}

package dev.alertmail.config;

import dev.alertmail.mail.DkimKey;
import dev.alertmail.mail.DkimSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The signing settings, {@code dkimDomain}, {@code dkimSelector} and {@code dkimKey}: all three or
 * none, names that DNS can hold, and a key that can sign. A problem names the setting and the key
 * file, never the key's text.
 */
public final class DkimChecks {

  private static final Set<String> SHARED_SECOND_LEVEL =
      Set.of(
          "ac", "co", "com", "edu", "gob", "go", "gov", "gv", "ltd", "me", "mil", "ne", "net",
          "nhs", "nic", "or", "org", "plc", "sch");

  private static final byte[] PROBE =
      "From: start@alertmail.invalid\r\n\r\nprobe\r\n".getBytes(StandardCharsets.US_ASCII);

  private DkimChecks() {}

  /**
   * {@return the signer the settings describe, or null when none is set or there were problems}
   *
   * @param problems receives each problem, naming the setting as a logback.xml element
   */
  public static DkimSigner signer(
      String domain, String selector, String keyFile, List<String> problems) {
    if (domain == null && selector == null && keyFile == null) {
      return null;
    }
    if (domain == null || selector == null || keyFile == null) {
      problems.add(
          "<dkimDomain>, <dkimSelector> and <dkimKey> go together: set all three to sign mail,"
              + " or none (missing: "
              + String.join(
                  ", ",
                  java.util.stream.Stream.of(
                          domain == null ? "<dkimDomain>" : null,
                          selector == null ? "<dkimSelector>" : null,
                          keyFile == null ? "<dkimKey>" : null)
                      .filter(java.util.Objects::nonNull)
                      .toList())
              + ").");
      return null;
    }
    int before = problems.size();
    String signing = withoutRootDot(domain.strip());
    String badDomain = dnsNameProblem(signing);
    if (badDomain != null) {
      problems.add("<dkimDomain> '" + domain.strip() + "' " + badDomain);
    }
    String badSelector = dnsNameProblem(selector.strip());
    if (badSelector != null) {
      problems.add(
          "<dkimSelector> '"
              + selector.strip()
              + "' "
              + badSelector
              + " (a selector names the record selector._domainkey.domain)");
    }
    DkimKey key = null;
    try {
      key = DkimKey.read(Path.of(keyFile.strip()));
    } catch (java.nio.file.InvalidPathException e) {
      problems.add("<dkimKey> '" + keyFile.strip() + "' is not a file name");
    } catch (IllegalArgumentException e) {
      problems.add("<dkimKey> " + e.getMessage());
    }
    if (problems.size() > before) {
      return null;
    }
    DkimSigner signer = new DkimSigner(signing, selector.strip(), key, InstantSource.system());
    try {
      // a key the JDK reads may still fail to sign: better at start than at 3 a.m.
      signer.sign(PROBE);
    } catch (RuntimeException e) {
      problems.add(
          "<dkimKey> "
              + keyFile.strip()
              + ": the "
              + key
              + " does not sign ("
              + e.getClass().getSimpleName()
              + ")");
      return null;
    }
    return signer;
  }

  /**
   * {@return why mail signed as {@code d=} may still fail DMARC for this sender, or null} DMARC
   * passes on DKIM only when {@code d=} aligns with the From domain: the same, or under relaxed
   * alignment (its default) sharing the organisational domain, which takes the public-suffix list
   * to know for sure; a parent, a child or a sibling under a common parent that {@link
   * #couldBeOrganisational could be} one is given the benefit of the doubt.
   */
  public static String misalignment(String d, String fromDomain) {
    String signing = d.toLowerCase(Locale.ROOT);
    String from = fromDomain.toLowerCase(Locale.ROOT);
    if (signing.equals(from) || couldBeOrganisational(commonParent(signing, from))) {
      return null;
    }
    return "<dkimDomain>"
        + signing
        + "</dkimDomain> is not the domain of <from> ("
        + from
        + "): DMARC, which Gmail and Yahoo require of bulk senders, passes on DKIM only when they"
        + " align; sign as "
        + from
        + " or send from an address at "
        + signing
        + ". Mail is signed and sent anyway.";
  }

  /**
   * {@return the labels both names end with}: {@code example.com} of {@code a.example.com} and
   * {@code b.example.com}, {@code com} of {@code example.com} and {@code other.com}
   */
  public static String commonParent(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int shared = 0;
    while (shared < Math.min(x.length, y.length)
        && x[x.length - 1 - shared].equals(y[y.length - 1 - shared])) {
      shared++;
    }
    return String.join(".", Arrays.copyOfRange(x, x.length - shared, x.length));
  }

  /**
   * {@return whether a name could be an organisational domain}: two labels or more, and not one of
   * the shared second levels under a country code that registries sell names under ({@code co.uk},
   * {@code com.au}, {@code ac.jp}). A heuristic: the public-suffix list, which is the real answer,
   * changes monthly and is not shipped.
   */
  private static boolean couldBeOrganisational(String name) {
    String[] labels = name.split("\\.");
    if (name.isEmpty() || labels.length < 2) {
      return false;
    }
    return !(labels.length == 2
        && labels[1].length() == 2
        && SHARED_SECOND_LEVEL.contains(labels[0]));
  }

  /** {@return the name without the root's dot}: {@code example.com.} as a zone file writes it */
  public static String withoutRootDot(String name) {
    return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }

  /** {@return what is wrong with a DNS name, or null}: labels of letters, digits and hyphens */
  public static String dnsNameProblem(String name) {
    if (name.isEmpty() || name.length() > 253) {
      return "is not a DNS name (1 to 253 characters)";
    }
    for (String label : name.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return "is not a DNS name: each part between dots has 1 to 63 characters";
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        return "is not a DNS name: a part may not start or end with '-'";
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) {
          return "is not a DNS name: only letters, digits, '-' and dots";
        }
      }
    }
    return null;
  }
}

package dev.alertmail.config;

import dev.alertmail.mail.DkimKey;
import dev.alertmail.mail.DkimSigner;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/**
 * The signing settings, {@code dkimDomain}, {@code dkimSelector} and {@code dkimKey}: all three or
 * none, names that DNS can hold, and a key that can sign. A problem names the setting and the key
 * file, never the key's text.
 */
public final class DkimChecks {

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
    String badDomain = dnsNameProblem(domain.strip());
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
    return new DkimSigner(domain.strip(), selector.strip(), key, InstantSource.system());
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

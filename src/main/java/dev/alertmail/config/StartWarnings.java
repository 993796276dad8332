package dev.alertmail.config;

import dev.alertmail.mail.DkimSigner;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.smtp.HostPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings that work but may not do what was meant: the appender starts, and says so at start, in
 * the same words for both frameworks.
 */
final class StartWarnings {

  private StartWarnings() {}

  /** {@return the warnings, named as logback.xml elements} */
  static List<String> of(
      List<HostPort> relays, String username, MailAddress from, DkimSigner dkim) {
    List<String> warnings = new ArrayList<>();
    if (relays.isEmpty() && username != null) {
      warnings.add(
          "<username> is set but <smtpHost> is not: with MX routing each recipient domain's"
              + " servers are asked, and they do not take your credentials. Set <smtpHost> to"
              + " your provider's submission server.");
    }
    String misaligned =
        dkim == null || from == null ? null : DkimChecks.misalignment(dkim.domain(), from.domain());
    if (misaligned != null) {
      warnings.add(misaligned);
    }
    return List.copyOf(warnings);
  }
}

package dev.alertmail.cli;

import dev.alertmail.config.DkimChecks;
import dev.alertmail.mail.DkimSigner;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.smtp.MxResolver;
import dev.alertmail.smtp.SmtpException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code dkim} step of {@code alertmail check}: the key can sign, the DNS record holds its
 * public half, and the signing domain lines up with the sender's for DMARC. Under MX routing it
 * also says what signing does not fix.
 */
final class DkimCheck {

  private DkimCheck() {}

  /** {@return OK, or CONFIG when mail would go out with a signature no receiver can verify} */
  static ExitCode check(
      Settings settings,
      MailAddress from,
      MxResolver dns,
      boolean mxRouting,
      PrintStream out,
      UnaryOperator<String> words) {
    List<String> problems = new ArrayList<>();
    DkimSigner signer =
        DkimChecks.signer(
            settings.get("dkimDomain"),
            settings.get("dkimSelector"),
            settings.get("dkimKey"),
            problems);
    if (!problems.isEmpty()) {
      problems.forEach(p -> out.println(CheckCommand.line("dkim", 0, "FAILED " + words.apply(p))));
      return ExitCode.CONFIG;
    }
    if (signer == null) {
      if (mxRouting) {
        out.println(
            CheckCommand.line(
                "dkim",
                0,
                "not set: under MX routing, Gmail and Microsoft may refuse or file unsigned mail"
                    + " as spam (make a key with alertmail dkim-key)"));
      }
      return ExitCode.OK;
    }
    Path key = Path.of(settings.get("dkimKey").strip());
    // DkimChecks.signer has signed a probe with it
    out.println(CheckCommand.line("dkim", 0, signer.key() + " from " + key + ": can sign"));
    permissions(key, signer.domain(), out);
    ExitCode result = record(signer, dns, out);
    align(signer, from, out);
    if (mxRouting) {
      out.println(
          "note: DKIM does not fix what MX routing needs besides: this host's address must have a"
              + " reverse DNS name (PTR) that resolves back to it, and the SPF record of "
              + (from == null ? "the sender's domain" : from.domain())
              + " must allow it, or receivers may still refuse the mail");
    }
    return result;
  }

  private static ExitCode record(DkimSigner signer, MxResolver dns, PrintStream out) {
    String name = signer.recordName();
    String publish =
        "publish: "
            + name
            + ". IN TXT "
            + DkimKeyCommand.quoted(signer.key().txtRecord())
            + " (alertmail dkim-key prints it)";
    long start = System.nanoTime();
    List<String> records;
    try {
      records = dns.texts(name);
    } catch (SmtpException e) {
      out.println(
          CheckCommand.line("dkim DNS", System.nanoTime() - start, "FAILED " + e.getMessage()));
      return ExitCode.TEMP_FAIL;
    }
    long elapsed = System.nanoTime() - start;
    List<DkimRecord> keys =
        records.stream().map(DkimRecord::parse).filter(DkimRecord::isKey).toList();
    if (keys.isEmpty()) {
      out.println(
          CheckCommand.line(
              "dkim DNS", elapsed, "FAILED no DKIM record at " + name + "; " + publish));
      return ExitCode.CONFIG;
    }
    if (keys.size() > 1) {
      out.println(
          CheckCommand.line(
              "dkim DNS",
              elapsed,
              "FAILED "
                  + name
                  + " has "
                  + keys.size()
                  + " DKIM records: receivers take one, or none (OpenDKIM refuses), so keep only"
                  + " the one for this key; "
                  + publish));
      return ExitCode.CONFIG;
    }
    DkimRecord found = keys.get(0);
    String why = found.problem(signer.key());
    if (why != null) {
      out.println(
          CheckCommand.line("dkim DNS", elapsed, "FAILED " + name + ": " + why + "; " + publish));
      return ExitCode.CONFIG;
    }
    out.println(
        CheckCommand.line(
            "dkim DNS", elapsed, name + ": k=" + found.keyType() + ", p= matches the key"));
    if (found.testing()) {
      out.println(
          "warning: "
              + name
              + " has t=y (testing): receivers may treat the mail as unsigned; take it out once"
              + " mail verifies");
    }
    return ExitCode.OK;
  }

  /** Anyone who can read the key can sign mail as the domain: say so when others can. */
  private static void permissions(Path key, String domain, PrintStream out) {
    Set<PosixFilePermission> granted;
    try {
      granted = Files.getPosixFilePermissions(key);
    } catch (IOException | UnsupportedOperationException e) {
      return; // read a moment ago; a file system without POSIX permissions has nothing to say
    }
    String who =
        granted.contains(PosixFilePermission.OTHERS_READ)
            ? "every user of this host"
            : granted.contains(PosixFilePermission.GROUP_READ) ? "its group" : null;
    if (who != null) {
      out.println(
          "warning: "
              + key
              + " is readable by "
              + who
              + ", who can then sign mail as "
              + domain
              + ": chmod 600 "
              + key
              + " (owned by the application's user)");
    }
  }

  /**
   * DMARC passes on DKIM only when d= and the From domain align: the same, or (relaxed alignment,
   * DMARC's default) sharing their organisational domain, which takes the public-suffix list to
   * know for sure; a parent or child of the other shares it.
   */
  private static void align(DkimSigner signer, MailAddress from, PrintStream out) {
    if (from == null) {
      return;
    }
    String fromDomain = from.domain().toLowerCase(Locale.ROOT);
    String d = signer.domain();
    if (DkimChecks.misalignment(d, fromDomain) != null) {
      out.println(
          "warning: d="
              + d
              + " is not the From domain "
              + fromDomain
              + ": DMARC, which Gmail and Yahoo require of bulk senders, passes on DKIM only when"
              + " they match; sign with dkimDomain "
              + fromDomain
              + " or send from an address at "
              + d);
    } else if (fromDomain.equals(d)) {
      out.println(
          CheckCommand.line("dkim", 0, "d=" + d + " aligns with the From domain " + fromDomain));
    } else if (fromDomain.endsWith("." + d) || d.endsWith("." + fromDomain)) {
      out.println(
          CheckCommand.line(
              "dkim",
              0,
              "d="
                  + d
                  + " aligns with the From domain "
                  + fromDomain
                  + " under relaxed alignment, DMARC's default (a policy with adkim=s needs them"
                  + " equal)"));
    } else {
      out.println(
          CheckCommand.line(
              "dkim",
              0,
              "d="
                  + d
                  + " and the From domain "
                  + fromDomain
                  + " align under relaxed alignment, DMARC's default, if "
                  + DkimChecks.commonParent(d, fromDomain)
                  + " is their organisational domain; a policy with adkim=s needs them equal"));
    }
  }
}

package dev.alertmail.cli;

import dev.alertmail.config.DkimChecks;
import dev.alertmail.mail.DkimSigner;
import dev.alertmail.mail.MailAddress;
import dev.alertmail.smtp.MxResolver;
import dev.alertmail.smtp.SmtpException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code dkim} step of {@code alertmail check}: the key can sign, the DNS record holds its
 * public half, and the signing domain lines up with the sender's for DMARC. Under MX routing it
 * also says what signing does not fix.
 */
final class DkimCheck {

  private DkimCheck() {}

  /** {@return OK, or CONFIG when mail would go out with a signature no receiver can verify} */
  static ExitCode check(
      Settings settings, MailAddress from, MxResolver dns, boolean mxRouting, PrintStream out) {
    List<String> problems = new ArrayList<>();
    DkimSigner signer =
        DkimChecks.signer(
            settings.get("dkimDomain"),
            settings.get("dkimSelector"),
            settings.get("dkimKey"),
            problems);
    if (!problems.isEmpty()) {
      problems.forEach(p -> out.println(CheckCommand.line("dkim", 0, "FAILED " + p)));
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
    out.println(
        CheckCommand.line(
            "dkim", 0, signer.key() + " from " + settings.get("dkimKey").strip() + ": can sign"));
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
            + ". IN TXT \""
            + signer.key().txtRecord()
            + "\" (alertmail dkim-key"
            + " prints it)";
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
    List<Map<String, String>> keys =
        records.stream().map(DkimCheck::tags).filter(t -> t.containsKey("p")).toList();
    if (keys.isEmpty()) {
      out.println(
          CheckCommand.line(
              "dkim DNS", elapsed, "FAILED no DKIM record at " + name + "; " + publish));
      return ExitCode.CONFIG;
    }
    String expected = signer.key().publicKeyBase64();
    for (Map<String, String> tags : keys) {
      String type = tags.getOrDefault("k", "rsa");
      if (tags.get("p").equals(expected)
          && type.equalsIgnoreCase(signer.key().algorithm().keyType())) {
        out.println(
            CheckCommand.line("dkim DNS", elapsed, name + ": k=" + type + ", p= matches the key"));
        return ExitCode.OK;
      }
    }
    Map<String, String> found = keys.get(0);
    String why =
        found.get("p").isEmpty()
            ? "the record's p= is empty: the key was revoked"
            : !found.getOrDefault("k", "rsa").equalsIgnoreCase(signer.key().algorithm().keyType())
                ? "the record is for k="
                    + found.getOrDefault("k", "rsa")
                    + ", the key is "
                    + signer.key().algorithm().keyType()
                : "the record's p= is another key than the one in dkimKey";
    out.println(
        CheckCommand.line("dkim DNS", elapsed, "FAILED " + name + ": " + why + "; " + publish));
    return ExitCode.CONFIG;
  }

  /** DMARC passes on DKIM only when d= and the From domain share their organisational domain. */
  private static void align(DkimSigner signer, MailAddress from, PrintStream out) {
    if (from == null) {
      return;
    }
    String fromDomain = from.domain().toLowerCase(Locale.ROOT);
    String d = signer.domain();
    boolean aligned =
        fromDomain.equals(d) || fromDomain.endsWith("." + d) || d.endsWith("." + fromDomain);
    if (aligned) {
      out.println(
          CheckCommand.line("dkim", 0, "d=" + d + " aligns with the From domain " + fromDomain));
    } else {
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
    }
  }

  /** The tags of a record, {@code v=DKIM1; k=rsa; p=...}, with white space taken out of values. */
  static Map<String, String> tags(String record) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : record.split(";")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        tags.put(
            part.substring(0, equals).strip().toLowerCase(Locale.ROOT),
            part.substring(equals + 1).replaceAll("\\s", ""));
      }
    }
    return tags;
  }
}

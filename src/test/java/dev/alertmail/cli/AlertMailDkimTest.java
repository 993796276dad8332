package dev.alertmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.mail.DkimKey;
import dev.alertmail.mail.IndependentDkimVerifier;
import dev.alertmail.smtp.TestDnsServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code alertmail dkim-key}, a signed {@code send}, and the {@code dkim} step of check. */
class AlertMailDkimTest {

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        AlertMailCli.run(
            args,
            Map.of(),
            new ByteArrayInputStream(
                "Disk /var is 97% full on db1\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The record's text as the command printed it, its quoted strings joined. */
  private static String printedRecord(String out) {
    Matcher line = Pattern.compile("IN TXT (.*)").matcher(out);
    assertTrue(line.find(), out);
    StringBuilder record = new StringBuilder();
    Matcher part = Pattern.compile("\"([^\"]*)\"").matcher(line.group(1));
    while (part.find()) {
      record.append(part.group(1));
    }
    return record.toString();
  }

  @Test
  void dkimKeyWritesAnOwnerOnlyKeyAndPrintsItsRecord() throws Exception {
    Path key = dir.resolve("dkim.pem");

    Run made =
        run(
            "dkim-key",
            "--domain",
            "shop.example",
            "--selector",
            "alerts1",
            "--out",
            key.toString(),
            "--type",
            "ed25519");

    assertEquals(0, made.code(), made.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    DkimKey read = DkimKey.read(key);
    assertEquals(DkimKey.Algorithm.ED25519_SHA256, read.algorithm());
    assertTrue(made.out().contains("alerts1._domainkey.shop.example. IN TXT \""), made.out());
    assertEquals(read.txtRecord(), printedRecord(made.out()));
    assertFalse(made.out().contains("PRIVATE KEY"), "the key itself is never printed");

    Run again =
        run(
            "dkim-key",
            "--domain",
            "shop.example",
            "--selector",
            "alerts1",
            "--out",
            key.toString());
    assertEquals(78, again.code());
    assertTrue(again.err().contains("never overwritten"), again.err());
  }

  @Test
  void anRsaKeyByDefaultWithItsRecordSplitIntoStringsAZoneFileTakes() throws Exception {
    Path key = dir.resolve("rsa.pem");

    Run made =
        run(
            "dkim-key",
            "--domain",
            "shop.example",
            "--selector",
            "alerts2",
            "--out",
            key.toString());

    assertEquals(0, made.code(), made.err());
    DkimKey read = DkimKey.read(key);
    assertEquals(DkimKey.Algorithm.RSA_SHA256, read.algorithm(), "RSA unless asked");
    assertEquals(2048, read.bits());
    assertTrue(made.out().contains("\" \""), "two strings of at most 255: " + made.out());
    assertEquals(read.txtRecord(), printedRecord(made.out()));
  }

  @Test
  void aSignedSendVerifiesAndCheckFindsTheRecordThatMatches() throws Exception {
    IndependentDkimVerifier.assumeAvailable();
    Path key = dir.resolve("dkim.pem");
    Run made = makeKey(key);
    String record = printedRecord(made.out());
    String[] settings = signing("alerts@example.com", "example.com", key);

    Run sent = run(concat(new String[] {"send", "--subject", "db1: disk full"}, settings));

    assertEquals(0, sent.code(), sent.err());
    byte[] raw =
        GreenMailUtil.getWholeMessage(greenMail.getReceivedMessages()[0])
            .getBytes(StandardCharsets.US_ASCII);
    assertEquals(
        "pass", IndependentDkimVerifier.verify(raw, "alerts1._domainkey.example.com", record));

    try (TestDnsServer dns = TestDnsServer.start()) {
      // the record as a DNS operator publishes it: the text in two strings
      dns.txt(
          "alerts1._domainkey.example.com",
          record.substring(0, 20),
          record.substring(20, 220),
          record.substring(220));
      Run checked =
          run(concat(new String[] {"check", "--dns-server", dns.address().toString()}, settings));

      assertEquals(0, checked.code(), checked.out() + checked.err());
      assertTrue(
          checked.out().contains("RSA-SHA256 key (2048 bits) from " + key + ": can sign"),
          checked.out());
      assertTrue(
          checked.out().contains("alerts1._domainkey.example.com: k=rsa, p= matches the key"),
          checked.out());
      assertTrue(
          checked.out().contains("d=example.com aligns with the From domain example.com"),
          checked.out());
      assertEquals(0, greenMail.getReceivedMessages().length - 1, "check sends nothing");
    }
  }

  @Test
  void checkSaysWhatToPublishWhenTheRecordIsMissingOrHoldsAnotherKey() throws Exception {
    Path key = dir.resolve("dkim.pem");
    makeKey(key);
    String other = DkimKey.generate(DkimKey.Algorithm.RSA_SHA256).txtRecord();
    String[] settings =
        concat(new String[] {"check"}, signing("alerts@shop.example", "example.com", key));
    try (TestDnsServer dns = TestDnsServer.start()) {
      dns.txt("other._domainkey.example.com", "v=DKIM1; p=x");
      Run missing = run(concat(settings, new String[] {"--dns-server", dns.address().toString()}));
      assertEquals(78, missing.code(), missing.out() + missing.err());
      assertTrue(
          missing
              .out()
              .contains(
                  "FAILED no DKIM record at alerts1._domainkey.example.com; publish: alerts1._domainkey.example.com. IN TXT \"v=DKIM1; k=rsa; p="),
          missing.out());
      assertTrue(
          missing
              .out()
              .contains("warning: d=example.com is not the From domain shop.example: DMARC"),
          missing.out());
      String publish = missing.out().substring(missing.out().indexOf("publish: "));
      assertTrue(
          publish.contains("\" \""),
          "in strings of at most 255, as a zone file takes them: " + publish);

      dns.txt("alerts1._domainkey.example.com", other.substring(0, 200), other.substring(200));
      Run wrong = run(concat(settings, new String[] {"--dns-server", dns.address().toString()}));
      assertEquals(78, wrong.code(), wrong.out());
      assertTrue(
          wrong.out().contains("the record's p= is another key than the one in dkimKey"),
          wrong.out());
      String[] lines = wrong.out().strip().split("\n");
      assertEquals(
          "FAILED: the dkim step above",
          lines[lines.length - 1],
          "the server's OK is not the last word: " + wrong.out());
    }
  }

  @Test
  void twoRecordsFailAndSendTestSendsNothingWhileAStepFails() throws Exception {
    Path key = dir.resolve("dkim.pem");
    // Ed25519: two RSA records overflow a UDP answer, which the test DNS server does not truncate
    makeKey(key, "--type", "ed25519");
    try (TestDnsServer dns = TestDnsServer.start()) {
      dns.txt("alerts1._domainkey.example.com", DkimKey.read(key).txtRecord());
      dns.txt(
          "alerts1._domainkey.example.com",
          DkimKey.generate(DkimKey.Algorithm.ED25519_SHA256).txtRecord());

      Run checked =
          run(
              concat(
                  new String[] {"check", "--send-test", "--dns-server", dns.address().toString()},
                  signing("alerts@example.com", "example.com", key)));

      assertEquals(78, checked.code(), checked.out());
      assertTrue(
          checked
              .out()
              .contains("FAILED alerts1._domainkey.example.com has 2 DKIM records: receivers take"),
          checked.out());
      assertTrue(
          checked.out().strip().endsWith("FAILED: the dkim step above; no test mail sent"),
          checked.out());
      assertEquals(0, greenMail.getReceivedMessages().length);
    }
  }

  @Test
  void aKeyFileProblemIsNamedByTheFlagThatSetIt() {
    Run checked =
        run(
            concat(
                new String[] {"check"},
                signing("alerts@example.com", "example.com.", dir.resolve("missing.pem"))));

    assertEquals(78, checked.code(), checked.out());
    assertTrue(
        checked
            .out()
            .contains("FAILED --dkim-key " + dir.resolve("missing.pem") + " does not exist"),
        checked.out());
  }

  @Test
  void checkTakesAnRsaRecordInPkcs1FormAndWarnsOfAKeyOthersCanRead() throws Exception {
    Path key = dir.resolve("dkim.pem");
    makeKey(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    byte[] spki = java.util.Base64.getDecoder().decode(DkimKey.read(key).publicKeyBase64());
    // some tools publish the PKCS#1 RSAPublicKey, the end of the SubjectPublicKeyInfo
    byte[] pkcs1 = java.util.Arrays.copyOfRange(spki, 24, spki.length);
    assertEquals(0x30, pkcs1[0] & 0xff, "a DER SEQUENCE");
    String record = "v=DKIM1; k=rsa; p=" + java.util.Base64.getEncoder().encodeToString(pkcs1);
    try (TestDnsServer dns = TestDnsServer.start()) {
      dns.txt("alerts1._domainkey.example.com", record.substring(0, 200), record.substring(200));

      Run checked =
          run(
              concat(
                  new String[] {"check", "--dns-server", dns.address().toString()},
                  signing("alerts@mail.example.com", "example.com", key)));

      assertEquals(0, checked.code(), checked.out() + checked.err());
      assertTrue(checked.out().contains("k=rsa, p= matches the key"), checked.out());
      assertTrue(
          checked
              .out()
              .contains(
                  "d=example.com aligns with the From domain mail.example.com under relaxed"
                      + " alignment, DMARC's default (a policy with adkim=s needs them equal)"),
          checked.out());
      assertTrue(
          checked
              .out()
              .contains(
                  "warning: "
                      + key
                      + " is readable by its group, who can then sign mail as example.com:"
                      + " chmod 600 "),
          checked.out());
    }
  }

  @Test
  void theFlagsOfDkimKeyAreRefusedElsewhereAndTheOtherWayRound() {
    Run send = run("send", "--to", "ops@example.com", "--selector", "alerts1");
    assertEquals(64, send.code());
    assertTrue(
        send.err()
            .contains(
                "--selector is a flag of alertmail dkim-key; send signs with" + " --dkim-selector"),
        send.err());

    Run key =
        run(
            "dkim-key",
            "--domain",
            "example.com",
            "--selector",
            "alerts1",
            "--dkim-key",
            dir.resolve("k.pem").toString());
    assertEquals(64, key.code());
    assertTrue(
        key.err()
            .contains("dkim-key takes --domain, --selector, --out and --type, not" + " --dkim-key"),
        key.err());
  }

  @Test
  void dkimKeyNeverWritesThroughALink() throws Exception {
    Path target = dir.resolve("elsewhere.pem");
    Path link = Files.createSymbolicLink(dir.resolve("dkim.pem"), target);

    Run made = makeKey(link);

    assertEquals(78, made.code(), made.out());
    assertTrue(made.err().contains("exists: a key is never overwritten"), made.err());
    assertFalse(Files.exists(target), "nothing written where the link points");
  }

  /** {@code dkim-key} for {@code example.com}, selector {@code alerts1}, into {@code out}. */
  private static Run makeKey(Path out, String... more) {
    return run(
        concat(
            new String[] {
              "dkim-key",
              "--domain",
              "example.com",
              "--selector",
              "alerts1",
              "--out",
              out.toString()
            },
            more));
  }

  /** The flags of mail from {@code from} to GreenMail, signed as {@code d=domain, s=alerts1}. */
  private static String[] signing(String from, String domain, Path key) {
    return new String[] {
      "--smtp-host",
      "127.0.0.1",
      "--smtp-port",
      String.valueOf(greenMail.getSmtp().getPort()),
      "--tls",
      "none",
      "--from",
      from,
      "--to",
      "ops@example.com",
      "--dkim-domain",
      domain,
      "--dkim-selector",
      "alerts1",
      "--dkim-key",
      key.toString()
    };
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}

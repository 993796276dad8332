package dev.alertmail.mail;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Verifies DKIM signatures with an implementation that is not ours: dkimpy (Debian's {@code
 * python3-dkim}), with the public key served as the TXT record a DNS server would hold. Our own
 * verifier would only prove that we agree with ourselves. Tests that use it are skipped where the
 * package is missing, unless {@code ALERTMAIL_REQUIRE_DKIM=1} (as {@code .ci/run} sets it) makes
 * that a failure.
 */
public final class IndependentDkimVerifier {

  private static final String PYTHON = "/usr/bin/python3";

  private static final String SCRIPT =
      """
      import sys, dkim, logging, io
      message = open(sys.argv[1], 'rb').read()
      name, record = sys.argv[2].encode(), sys.argv[3].encode()
      def dns(qname, timeout=5):
          return record if qname.rstrip(b'.') == name else None
      log = io.StringIO()
      logger = logging.getLogger('dkim'); logger.setLevel(logging.DEBUG)
      logger.addHandler(logging.StreamHandler(log))
      ok = dkim.verify(message, logger=logger, dnsfunc=dns, minkey=2048)
      print('pass' if ok else 'fail: ' + log.getvalue().strip().replace('\\n', ' | '))
      """;

  private IndependentDkimVerifier() {}

  /** Skips the test when dkimpy is not installed, unless it is required. */
  public static void assumeAvailable() {
    boolean available = false;
    try {
      Process check = new ProcessBuilder(PYTHON, "-c", "import dkim, nacl").start();
      available = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      available = false;
    }
    if (!available && "1".equals(System.getenv("ALERTMAIL_REQUIRE_DKIM"))) {
      throw new AssertionError(
          "ALERTMAIL_REQUIRE_DKIM=1 but dkimpy is missing: apt-get install python3-dkim python3-nacl");
    }
    assumeTrue(available, "dkimpy (python3-dkim) is not installed");
  }

  /**
   * {@return "pass", or "fail: " and dkimpy's reasons} for the topmost signature of the message,
   * with the given TXT record published at the given name
   */
  public static String verify(byte[] message, String recordName, String txtRecord)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("alertmail-dkim", ".eml");
    try {
      Files.write(file, message);
      Process python =
          new ProcessBuilder(PYTHON, "-c", SCRIPT, file.toString(), recordName, txtRecord)
              .redirectErrorStream(true)
              .start();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!python.waitFor(60, TimeUnit.SECONDS)) {
        python.destroyForcibly();
        return "fail: dkimpy did not finish";
      }
      return output.strip();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}

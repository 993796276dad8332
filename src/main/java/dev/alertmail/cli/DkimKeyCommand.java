package dev.alertmail.cli;

import dev.alertmail.config.DkimChecks;
import dev.alertmail.mail.DkimKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code alertmail dkim-key}: makes a signing key readable by its owner only, and prints the DNS
 * record to publish and the settings to use.
 */
final class DkimKeyCommand {

  private DkimKeyCommand() {}

  static ExitCode run(Arguments arguments, PrintStream out) throws CliFailure {
    String domain =
        DkimChecks.withoutRootDot(
            required(arguments, "domain", "the signing domain, e.g. --domain shop.example"));
    String selector = required(arguments, "selector", "a selector, e.g. --selector alerts1");
    String file = required(arguments, "out", "the key file to write, e.g. --out dkim.pem");
    for (String[] name : new String[][] {{"--domain", domain}, {"--selector", selector}}) {
      String problem = DkimChecks.dnsNameProblem(name[1]);
      if (problem != null) {
        throw new CliFailure(ExitCode.USAGE, name[0] + " '" + name[1] + "' " + problem);
      }
    }
    String type = arguments.has("type") ? arguments.option("type").toLowerCase(Locale.ROOT) : "rsa";
    DkimKey.Algorithm algorithm =
        switch (type) {
          case "ed25519" -> DkimKey.Algorithm.ED25519_SHA256;
          case "rsa" -> DkimKey.Algorithm.RSA_SHA256;
          default ->
              throw new CliFailure(
                  ExitCode.USAGE, "--type '" + type + "' is not one of ed25519, rsa");
        };
    DkimKey key = DkimKey.generate(algorithm);
    Path path = Path.of(file).toAbsolutePath();
    boolean ownerOnly = write(path, key.pem());

    String name =
        selector.toLowerCase(Locale.ROOT) + "._domainkey." + domain.toLowerCase(Locale.ROOT);
    out.println(
        "wrote "
            + key
            + " to "
            + path
            + (ownerOnly
                ? " (readable by its owner only: the application's user must be it, see chown)"
                : " (this file system has no POSIX permissions: make it readable by the"
                    + " application's user only)"));
    out.println("publish this TXT record in the DNS of " + domain + ":");
    out.println("  " + name + ". IN TXT " + quoted(key.txtRecord()));
    if (algorithm == DkimKey.Algorithm.ED25519_SHA256) {
      out.println(
          "note: not every receiver verifies ed25519-sha256 yet (those that do not treat the mail"
              + " as unsigned); RSA, the default, is verified everywhere");
    }
    out.println(
        "then set dkimDomain="
            + domain
            + ", dkimSelector="
            + selector
            + ", dkimKey="
            + path
            + " (ALERTMAIL_DKIM_DOMAIN, ... or --dkim-domain, ...), and once the record is"
            + " published: alertmail check");
    return ExitCode.OK;
  }

  private static String required(Arguments arguments, String flag, String hint) throws CliFailure {
    if (!arguments.has(flag) || arguments.option(flag).isBlank()) {
      throw new CliFailure(ExitCode.USAGE, "dkim-key needs --" + flag + ": " + hint);
    }
    return arguments.option(flag).strip();
  }

  /**
   * Opened once: new (never over an existing file, never through a link), owner-only from the
   * start, and removed again when the write fails, so that a failed run does not leave an empty
   * file that every later run refuses to replace.
   *
   * @return whether the file system made it owner-only (one without POSIX permissions cannot)
   */
  private static boolean write(Path path, String pem) throws CliFailure {
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try {
      boolean ownerOnly = true;
      SeekableByteChannel opened;
      try {
        opened =
            Files.newByteChannel(
                path,
                options,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        opened = Files.newByteChannel(path, options);
        ownerOnly = false;
      }
      try (SeekableByteChannel channel = opened) {
        ByteBuffer bytes = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      } catch (IOException e) {
        Files.deleteIfExists(path);
        throw e;
      }
      return ownerOnly;
    } catch (FileAlreadyExistsException e) {
      throw new CliFailure(
          ExitCode.CONFIG, path + " exists: a key is never overwritten; choose another --out");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CliFailure(
          ExitCode.CONFIG,
          "cannot write " + path + ": the directory " + path.getParent() + " does not exist");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new CliFailure(
          ExitCode.CONFIG,
          "cannot write " + path + ": permission denied for " + System.getProperty("user.name"));
    } catch (java.nio.file.FileSystemException e) {
      throw new CliFailure(
          ExitCode.CONFIG,
          "cannot write "
              + path
              + ": "
              + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
    } catch (IOException e) {
      throw new CliFailure(ExitCode.CONFIG, "cannot write " + path + ": " + e.getMessage());
    }
  }

  /** A record as a zone file writes it: strings of at most 255 characters, each quoted. */
  static String quoted(String record) {
    List<String> parts = new ArrayList<>();
    for (int at = 0; at < record.length(); at += 255) {
      parts.add("\"" + record.substring(at, Math.min(record.length(), at + 255)) + "\"");
    }
    return String.join(" ", parts);
  }
}

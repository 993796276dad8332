package dev.alertmail.cli;

/** Exit codes as sysexits.h defines them, so monitoring systems know whether to retry. */
enum ExitCode {
  /** Delivered, or every check passed. */
  OK(0),
  /** The command line was wrong. */
  USAGE(64),
  /** An address is malformed, or the server refused a recipient for good. */
  NO_USER(67),
  /** A host name does not exist in DNS (NXDOMAIN): a typo or a retired host, not worth a retry. */
  NO_HOST(68),
  /** The server refused the mail for good. */
  UNAVAILABLE(69),
  /** A failure that may pass: retry later. */
  TEMP_FAIL(75),
  /** The server refused the credentials. */
  NO_PERM(77),
  /** A setting is missing or wrong. */
  CONFIG(78);

  final int code;

  ExitCode(int code) {
    this.code = code;
  }
}

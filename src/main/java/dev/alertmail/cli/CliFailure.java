package dev.alertmail.cli;

/** Ends a command with an exit code and one line for stderr. */
final class CliFailure extends Exception {

  private static final long serialVersionUID = 1L;

  final transient ExitCode exitCode;

  CliFailure(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }
}

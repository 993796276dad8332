package dev.alertmail.oauth;

import dev.alertmail.text.UntrustedText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command whose standard output is the token ({@code gcloud auth print-access-token}, {@code az
 * account get-access-token -o json}). Run directly, never through a shell: the command line is
 * split into words at spaces, with double or single quotes keeping a word together. Bounded by a
 * timeout; its stderr is kept for the error message.
 */
final class TokenCommand implements TokenSource {

  private static final int MAX_OUTPUT = 64 * 1024;

  private final List<String> words;
  private final Duration timeout;
  private final InstantSource clock;

  TokenCommand(String commandLine, Duration timeout, InstantSource clock) {
    this.words = split(commandLine);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("the command is empty");
    }
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public AccessToken fetch() throws TokenException {
    Process process;
    try {
      process = new ProcessBuilder(words).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new TokenException(describe() + " could not start: " + e.getMessage(), false, e);
    }
    try {
      process.getOutputStream().close();
      var out = new Capture(process.getInputStream());
      var err = new Capture(process.getErrorStream());
      out.start();
      err.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // az and gcloud are scripts that start the real program: end the whole tree
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new TokenException(
            describe() + " did not finish within " + timeout.toSeconds() + " s", true, null);
      }
      out.join(1_000);
      err.join(1_000);
      if (process.exitValue() != 0) {
        throw new TokenException(
            describe() + " failed with exit code " + process.exitValue() + ": " + err.firstLine(),
            true,
            null);
      }
      if (out.truncated) {
        throw new TokenException(
            describe() + " printed more than " + MAX_OUTPUT / 1024 + " KiB: not a token",
            false,
            null);
      }
      return TokenText.parse(out.text(), clock.instant(), describe());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new TokenException(describe() + " was interrupted", true, e);
    } catch (IOException e) {
      throw new TokenException(describe() + ": " + e.getMessage(), true, e);
    }
  }

  @Override
  public String describe() {
    return "command " + words.get(0);
  }

  /** Words at spaces; quotes keep a word together and are removed. */
  static List<String> split(String commandLine) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : commandLine.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Reads a stream to its end on its own thread, keeping at most {@link #MAX_OUTPUT} bytes. */
  private static final class Capture extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean truncated;

    Capture(InputStream in) {
      super("alertmail-token-command");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[4096];
      try (in) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (bytes.size() + n > MAX_OUTPUT) {
            truncated = true;
          }
          if (bytes.size() < MAX_OUTPUT) {
            bytes.write(buffer, 0, Math.min(n, MAX_OUTPUT - bytes.size()));
          }
        }
      } catch (IOException ignored) {
        // what was read is what there is
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    /** The first line of what it printed, at most 300 characters, for an error message. */
    String firstLine() {
      // a command that fails may print what it was given, or the token it almost printed
      String line =
          UntrustedText.masked(text().lines().findFirst().orElse("(nothing on stderr)"), List.of());
      return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
  }
}

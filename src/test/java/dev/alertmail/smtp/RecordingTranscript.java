package dev.alertmail.smtp;

import java.util.ArrayList;
import java.util.List;

/** Keeps every transcript line for assertions. */
final class RecordingTranscript implements Transcript {

  private final List<String> lines = new ArrayList<>();

  @Override
  public synchronized void record(String line) {
    lines.add(line);
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  synchronized String text() {
    return String.join("\n", lines);
  }
}

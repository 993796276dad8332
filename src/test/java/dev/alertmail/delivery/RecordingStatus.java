package dev.alertmail.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sender's status lines as a user would read them: "INFO ...", "WARN ...", "ERROR ...". */
final class RecordingStatus implements StatusSink {

  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void error(String message, Throwable cause) {
    lines.add("ERROR " + message);
  }
}

package dev.alertmail.smtp;

import java.io.IOException;

/** The server sent something that is not an SMTP reply, or one too large to accept. */
final class MalformedReplyException extends IOException {

  MalformedReplyException(String message) {
    super(message);
  }
}

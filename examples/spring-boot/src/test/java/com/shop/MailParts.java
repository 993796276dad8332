package com.shop;

import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The decoded parts of a mail, as a mail client shows them. */
final class MailParts {

  private MailParts() {}

  static String text(Part mail) throws Exception {
    return part(mail, "text/plain");
  }

  static String html(Part mail) throws Exception {
    return part(mail, "text/html");
  }

  private static String part(Part part, String type) throws Exception {
    if (part.isMimeType(type)) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = part(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}

package dev.alertmail.logback;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The decoded parts of a received mail, the way a mail client shows them. */
record MailParts(String text, String html, List<String> contentTypes) {

  static MailParts of(MimeMessage message) throws MessagingException, IOException {
    List<String> types = new ArrayList<>();
    String[] found = new String[2];
    collect(message, types, found);
    return new MailParts(found[0], found[1], types);
  }

  private static void collect(Part part, List<String> types, String[] found)
      throws MessagingException, IOException {
    String type = part.getContentType().toLowerCase(Locale.ROOT);
    types.add(type.split(";")[0].trim());
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collect(child, types, found);
      }
    } else if (part.isMimeType("text/plain")) {
      found[0] = (String) part.getContent();
    } else if (part.isMimeType("text/html")) {
      found[1] = (String) part.getContent();
    }
  }
}

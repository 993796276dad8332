package dev.alertmail.mail;

import dev.alertmail.alert.Conversation;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers that put every mail about one problem into one conversation, in every instance of a
 * service and across restarts, without any shared state: the conversation's root is derived from
 * the application's name and the problem's fingerprint only (not the host, not the time).
 *
 * <ul>
 *   <li>{@code References} and {@code In-Reply-To} name the root, as a reply would: Thunderbird,
 *       Apple Mail and (with a subject that stays the same) Gmail thread on them;
 *   <li>{@code Thread-Topic} and {@code Thread-Index} carry the same conversation to Outlook and
 *       Exchange: the index's first 22 bytes are the root, the 5 after it this mail.
 * </ul>
 */
final class ThreadHeaders {

  private ThreadHeaders() {}

  static Map<String, String> of(
      String application, String fingerprint, String domain, String topic, Instant now) {
    byte[] hash = Conversation.seed(application, fingerprint);
    String root = Conversation.root(application, fingerprint, domain);
    byte[] index = new byte[27];
    index[0] = 0x01; // the reserved first byte of a conversation index
    System.arraycopy(hash, 16, index, 1, 5); // the root's "time": fixed per problem
    System.arraycopy(hash, 0, index, 6, 16); // the root's GUID
    long tenths = now.toEpochMilli() / 100; // this mail's child block: when it was sent
    for (int i = 0; i < 5; i++) {
      index[22 + i] = (byte) (tenths >>> (8 * (4 - i)));
    }
    var headers = new LinkedHashMap<String, String>();
    headers.put("References", root);
    headers.put("In-Reply-To", root);
    headers.put("Thread-Topic", HeaderValues.ascii(topic));
    headers.put("Thread-Index", Base64.getEncoder().encodeToString(index));
    return headers;
  }
}

package dev.alertmail.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's names, resolved once on the sender thread: resolving the local host can take
 * seconds on a machine with slow reverse DNS, and must never hold up the application.
 *
 * @param displayName the host name shown in mail ("where" the alert happened)
 * @param ehloName the name announced in EHLO: a host name, or an address literal when the machine
 *     has no usable name
 */
record LocalHost(String displayName, String ehloName) {

  static LocalHost resolve() {
    try {
      InetAddress local = InetAddress.getLocalHost();
      String name = local.getHostName();
      String canonical = local.getCanonicalHostName();
      String ehlo =
          canonical.contains(".") && !canonical.equals(local.getHostAddress())
              ? canonical
              : addressLiteral(local);
      return new LocalHost(name, ehlo);
    } catch (UnknownHostException | SecurityException e) {
      return new LocalHost("localhost", "[127.0.0.1]");
    }
  }

  private static String addressLiteral(InetAddress address) {
    String text = address.getHostAddress();
    return text.contains(":") ? "[IPv6:" + text + "]" : "[" + text + "]";
  }
}

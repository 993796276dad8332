package dev.alertmail.smtp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers a message to all its recipients, either through relays tried in order or, without
 * relays, to each recipient domain's mail exchangers.
 *
 * <p>Within a route, hosts are tried in order and each host's addresses in turn. A connection
 * failure, a timeout, a 4xx or a TLS failure moves on to the next; a 5xx reply is the final word
 * for the recipients of that session. Instances keep no connection and may be shared.
 */
public final class SmtpTransport {

  /** Looks up the addresses of one host. */
  private interface AddressLookup {
    List<InetAddress> addresses(String host) throws SmtpException;
  }

  private final List<HostPort> relays;
  private final MxResolver resolver;
  private final int mxPort;
  private final SmtpSettings settings;
  private final Transcript transcript;

  private SmtpTransport(
      List<HostPort> relays,
      MxResolver resolver,
      int mxPort,
      SmtpSettings settings,
      Transcript transcript) {
    this.relays = relays;
    this.resolver = resolver;
    this.mxPort = mxPort;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transcript = Objects.requireNonNull(transcript, "transcript");
  }

  /**
   * A transport through relays, tried in order.
   *
   * @param relays at least one
   * @param settings how to talk to each relay; its host and port are replaced by each relay's
   * @param transcript receives the dialogue, credentials masked
   */
  public static SmtpTransport viaRelays(
      List<HostPort> relays, SmtpSettings settings, Transcript transcript) {
    if (relays.isEmpty()) {
      throw new IllegalArgumentException("at least one relay is needed");
    }
    return new SmtpTransport(List.copyOf(relays), null, 0, settings, transcript);
  }

  /**
   * A transport to each recipient domain's mail exchangers, one session per domain.
   *
   * @param resolver finds each domain's exchangers and their addresses
   * @param port the port of every exchanger (25 on the internet)
   * @param settings how to talk to each exchanger; its host and port are replaced by each one's
   * @param transcript receives the dialogue, credentials masked
   */
  public static SmtpTransport viaMx(
      MxResolver resolver, int port, SmtpSettings settings, Transcript transcript) {
    return new SmtpTransport(null, Objects.requireNonNull(resolver), port, settings, transcript);
  }

  /**
   * Sends the message to every recipient of the envelope.
   *
   * @return the sessions that delivered and the recipients that were not reached; never throws for
   *     a server's or the network's failure
   */
  public TransportReport send(Envelope envelope, byte[] message) {
    List<DeliveryReport> delivered = new ArrayList<>();
    List<RouteFailure> failed = new ArrayList<>();
    if (relays != null) {
      String destination = String.join(", ", relays.stream().map(HostPort::toString).toList());
      attempt(
          destination,
          relays,
          host -> MxResolver.systemAddresses(host, settings.connectTimeout()),
          envelope,
          message,
          delivered,
          failed);
      return new TransportReport(delivered, failed);
    }
    for (Map.Entry<String, List<String>> domain : byDomain(envelope.recipients()).entrySet()) {
      Envelope part = new Envelope(envelope.sender(), domain.getValue());
      List<HostPort> hosts = new ArrayList<>();
      try {
        for (String exchanger : resolver.exchangers(domain.getKey())) {
          hosts.add(new HostPort(exchanger, mxPort));
        }
      } catch (SmtpException e) {
        failed.add(new RouteFailure(domain.getKey(), part.recipients(), e));
        continue;
      }
      attempt(domain.getKey(), hosts, resolver::addresses, part, message, delivered, failed);
    }
    return new TransportReport(delivered, failed);
  }

  private void attempt(
      String destination,
      List<HostPort> hosts,
      AddressLookup lookup,
      Envelope envelope,
      byte[] message,
      List<DeliveryReport> delivered,
      List<RouteFailure> failed) {
    List<SmtpException> attempts = new ArrayList<>();
    for (HostPort host : hosts) {
      List<InetAddress> addresses;
      try {
        addresses = lookup.addresses(host.host());
      } catch (SmtpException e) {
        attempts.add(e);
        continue;
      }
      SmtpClient client = new SmtpClient(settings.withServer(host.host(), host.port()), transcript);
      for (InetAddress address : addresses) {
        try {
          delivered.add(client.send(envelope, message, address));
          return;
        } catch (SmtpException e) {
          attempts.add(e);
          if (isFinal(e)) {
            failed.add(new RouteFailure(destination, envelope.recipients(), summary(attempts)));
            return;
          }
        }
      }
    }
    failed.add(new RouteFailure(destination, envelope.recipients(), summary(attempts)));
  }

  /** A 5xx is the server's verdict on this message; another server would say the same. */
  private static boolean isFinal(SmtpException e) {
    return e.reply() != null && !e.isTransient();
  }

  /** One exception that names every attempt; transient if any attempt may succeed later. */
  private static SmtpException summary(List<SmtpException> attempts) {
    SmtpException last = attempts.get(attempts.size() - 1);
    if (attempts.size() == 1) {
      return last;
    }
    boolean anyTransient = !isFinal(last) && attempts.stream().anyMatch(SmtpException::isTransient);
    String all = String.join("; ", attempts.stream().map(Throwable::getMessage).toList());
    var summary =
        new SmtpException(
            attempts.size() + " attempts failed: " + all,
            last.command(),
            last.reply(),
            anyTransient,
            last,
            anyTransient ? SmtpException.Reason.NETWORK : last.reason());
    // a smaller message may pass where this one was too large: say the smallest limit met
    for (SmtpException attempt : attempts) {
      summary.limitSize(attempt.sizeLimit());
    }
    return summary;
  }

  private static Map<String, List<String>> byDomain(List<String> recipients) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (String recipient : recipients) {
      String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
      result.computeIfAbsent(domain, d -> new ArrayList<>()).add(recipient);
    }
    return result;
  }
}

package dev.alertmail.smtp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Finds the mail exchangers of a domain (RFC 5321 §5.1) through the JDK's DNS provider: MX hosts in
 * preference order, equal preferences shuffled, the domain itself when it has no MX (implicit MX),
 * and a null MX (RFC 7505) as a permanent failure.
 *
 * <p>Every lookup is bounded by the timeout given. With a DNS server given, address records are
 * asked of it too; otherwise they come from the system resolver, like any host name.
 */
public final class MxResolver {

  private static final String[] MX = {"MX"};

  private final HostPort dnsServer;
  private final Duration timeout;
  private final RandomGenerator random;

  /**
   * Creates a resolver.
   *
   * @param dnsServer the server to ask, or null for the system's resolvers
   * @param timeout the bound on one lookup, retries included
   * @param random shuffles exchangers of equal preference, spreading load as RFC 5321 asks
   */
  public MxResolver(HostPort dnsServer, Duration timeout, RandomGenerator random) {
    this.dnsServer = dnsServer;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * The hosts that accept mail for the domain, most preferred first.
   *
   * @throws SmtpException permanent for a domain that does not exist or has a null MX, transient
   *     when DNS did not answer
   */
  public List<String> exchangers(String domain) throws SmtpException {
    String name = domain.toLowerCase(Locale.ROOT);
    List<MxRecord> records = new ArrayList<>();
    try {
      Attribute mx = lookup(name, MX).get("MX");
      if (mx != null) {
        NamingEnumeration<?> values = mx.getAll();
        while (values.hasMore()) {
          records.add(MxRecord.parse(String.valueOf(values.next())));
        }
      }
    } catch (NameNotFoundException e) {
      throw SmtpException.noSuchHost(name, "domain " + name + " does not exist (NXDOMAIN)");
    } catch (NamingException e) {
      throw dnsFailure(name, "MX", e);
    } catch (IllegalArgumentException e) {
      throw SmtpException.permanent(name, "DNS", "malformed MX record: " + e.getMessage());
    }
    if (records.isEmpty()) {
      return List.of(name); // RFC 5321 §5.1: no MX means the domain is its own exchanger
    }
    records.removeIf(MxRecord::isNull);
    if (records.isEmpty()) {
      throw SmtpException.permanent(
          name, "DNS", "domain " + name + " accepts no mail (null MX, RFC 7505)");
    }
    return ordered(records);
  }

  /**
   * The TXT records of a name, each as one text: its character strings joined, as DKIM and SPF read
   * them (a 2048-bit key does not fit one string of 255 bytes).
   *
   * @return the records; empty when the name has none or does not exist
   * @throws SmtpException transient when DNS did not answer
   */
  public List<String> texts(String name) throws SmtpException {
    String lower = name.toLowerCase(Locale.ROOT);
    List<String> records = new ArrayList<>();
    try {
      Attribute txt = lookup(lower, new String[] {"TXT"}).get("TXT");
      if (txt != null) {
        NamingEnumeration<?> values = txt.getAll();
        while (values.hasMore()) {
          records.add(joined(String.valueOf(values.next())));
        }
      }
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (NamingException e) {
      throw dnsFailure(lower, "TXT", e);
    }
    return records;
  }

  /**
   * The JDK's provider writes a record's strings separated by spaces, each in quotes when it holds
   * a space; the record is their concatenation.
   */
  static String joined(String value) {
    var out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '"') {
        for (i++; i < value.length() && value.charAt(i) != '"'; i++) {
          if (value.charAt(i) == '\\' && i + 1 < value.length()) {
            i++;
          }
          out.append(value.charAt(i));
        }
        i++;
      } else {
        for (; i < value.length() && value.charAt(i) != ' '; i++) {
          out.append(value.charAt(i));
        }
      }
    }
    return out.toString();
  }

  /**
   * The addresses of an exchanger, IPv4 first. A and AAAA are asked independently and at once (RFC
   * 8305 §3): whatever one family returns is used even when the other failed, as resolvers without
   * an upstream and some routers refuse or fail AAAA queries. The host fails only when neither gave
   * an address, and the failure then says what each lookup answered.
   *
   * @throws SmtpException permanent when the name does not exist (NXDOMAIN) or has no address
   *     record, transient when a lookup failed in a way that may pass (SERVFAIL, REFUSED, timeout)
   */
  public List<InetAddress> addresses(String host) throws SmtpException {
    if (dnsServer == null || Tls.isAddressLiteral(host)) {
      return systemAddresses(host, timeout);
    }
    var v6 = new java.util.concurrent.FutureTask<>(() -> family(host, "AAAA"));
    Thread thread = new Thread(v6, "alertmail-dns-aaaa");
    thread.setDaemon(true);
    thread.start();
    FamilyAnswer v4 = family(host, "A");
    FamilyAnswer v6answer = await(v6);
    List<InetAddress> result = new ArrayList<>(v4.addresses());
    result.addAll(v6answer.addresses());
    if (!result.isEmpty()) {
      return result;
    }
    String answers =
        "A: " + v4.said() + ", AAAA: " + v6answer.said() + " (asked " + dnsServer + ")";
    if (v4.failed() || v6answer.failed()) {
      throw transientFailure(host, answers, v4.failed() ? v4 : v6answer);
    }
    if (v4.noSuchName() || v6answer.noSuchName()) {
      throw SmtpException.noSuchHost(host, "host " + host + " does not exist (" + answers + ")");
    }
    throw SmtpException.permanent(
        host, "DNS", "host " + host + " has no address record (" + answers + ")");
  }

  private SmtpException transientFailure(String host, String answers, FamilyAnswer failed) {
    return SmtpException.io(
        host,
        "DNS",
        "no address for " + host + ": " + answers + "; " + failed.hint(dnsServer),
        failed.cause());
  }

  /** One address family's answer: its addresses, or why there are none. */
  private record FamilyAnswer(
      List<InetAddress> addresses, boolean noSuchName, NamingException cause, String said) {

    boolean failed() {
      return cause != null;
    }

    /** What to check, for the answer of a failed lookup. */
    String hint(HostPort server) {
      String text = String.valueOf(cause.getExplanation()).toLowerCase(Locale.ROOT);
      if (text.contains("refused")) {
        return server
            + " refuses to answer for this name: check that it recurses for this host"
            + " or serves the zone (dig @"
            + server.host()
            + " A name)";
      }
      if (text.contains("failure")) {
        return server
            + " could not get an answer (SERVFAIL): check its upstream servers; this is"
            + " retried";
      }
      return "check that "
          + server
          + " is reachable on UDP and TCP port "
          + server.port()
          + "; this is retried";
    }
  }

  private FamilyAnswer family(String host, String type) {
    List<InetAddress> result = new ArrayList<>();
    try {
      // one query per type: several types would make the provider ask for ANY, which many
      // servers answer minimally (RFC 8482)
      Attribute attribute = lookup(host, new String[] {type}).get(type);
      if (attribute != null) {
        NamingEnumeration<?> values = attribute.getAll();
        while (values.hasMore()) {
          // a literal: getByName does no lookup for it
          result.add(InetAddress.getByName(String.valueOf(values.next())));
        }
      }
    } catch (NameNotFoundException e) {
      return new FamilyAnswer(List.of(), true, null, "NXDOMAIN");
    } catch (NamingException e) {
      return new FamilyAnswer(List.of(), false, e, String.valueOf(e.getExplanation()));
    } catch (UnknownHostException e) {
      return new FamilyAnswer(List.of(), false, null, "a malformed record");
    }
    return new FamilyAnswer(
        result, false, null, result.isEmpty() ? "no record" : result.size() + " address(es)");
  }

  private FamilyAnswer await(java.util.concurrent.FutureTask<FamilyAnswer> lookup) {
    try {
      // the provider bounds its own retries by the timeout; the margin covers thread start-up
      return lookup.get(timeout.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      var timedOut = new javax.naming.CommunicationException("no answer in time");
      return new FamilyAnswer(List.of(), false, timedOut, "no answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      var interrupted = new javax.naming.CommunicationException("interrupted");
      return new FamilyAnswer(List.of(), false, interrupted, "interrupted");
    }
  }

  /**
   * Through the system resolver (hosts file, nsswitch), as for any host name the JVM connects to,
   * IPv4 first. The JDK's lookup cannot be interrupted, so it runs on a daemon thread and the
   * caller stops waiting after the timeout; a hung resolver then costs a parked thread, never the
   * sender.
   */
  static List<InetAddress> systemAddresses(String host, Duration timeout) throws SmtpException {
    if (Tls.isAddressLiteral(host)) {
      return systemAddresses(host);
    }
    var lookup = new java.util.concurrent.FutureTask<>(() -> systemAddresses(host));
    Thread thread = new Thread(lookup, "alertmail-dns");
    thread.setDaemon(true);
    thread.start();
    try {
      return lookup.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw SmtpException.io(
          host, "DNS", "no answer for " + host + " within " + Durations.words(timeout), e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof SmtpException se) {
        throw se;
      }
      throw SmtpException.io(host, "DNS", "cannot resolve host " + host, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SmtpException.io(host, "DNS", "interrupted while resolving " + host, e);
    }
  }

  private static List<InetAddress> systemAddresses(String host) throws SmtpException {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      List<InetAddress> v4First = new ArrayList<>(all.length);
      for (InetAddress address : all) {
        if (address instanceof Inet4Address) {
          v4First.add(address);
        }
      }
      for (InetAddress address : all) {
        if (!(address instanceof Inet4Address)) {
          v4First.add(address);
        }
      }
      return v4First;
    } catch (UnknownHostException e) {
      if (isNoSuchName(e)) {
        throw SmtpException.noSuchHost(
            host, "host " + host + " does not exist (the system resolver: " + e.getMessage() + ")");
      }
      throw SmtpException.io(host, "DNS", "cannot resolve host " + host, e);
    }
  }

  /**
   * Whether the system resolver said the name does not exist, rather than that it could not find
   * out (EAI_AGAIN, "Temporary failure in name resolution", which a retry may cure). The JDK keeps
   * getaddrinfo's answer only in the message.
   */
  private static boolean isNoSuchName(UnknownHostException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Name or service not known")
        || message.contains("nodename nor servname provided")
        || message.contains("No such host is known");
  }

  private List<String> ordered(List<MxRecord> records) {
    // shuffle first, then a stable sort keeps equal preferences in the shuffled order
    for (int i = records.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      records.set(i, records.set(j, records.get(i)));
    }
    records.sort(Comparator.comparingInt(MxRecord::preference));
    return records.stream().map(MxRecord::exchange).distinct().toList();
  }

  private javax.naming.directory.Attributes lookup(String name, String[] types)
      throws NamingException {
    var env = new Hashtable<String, String>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, dnsServer == null ? "dns:" : "dns://" + dnsServer + "/");
    // the provider doubles the timeout on each retry: initial + 2 * initial fits the bound
    long initial = Math.max(100, timeout.toMillis() / 3);
    env.put("com.sun.jndi.dns.timeout.initial", Long.toString(initial));
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    DirContext context = new InitialDirContext(env);
    try {
      // the trailing dot makes the name absolute: no search domain is ever appended
      return context.getAttributes(name.endsWith(".") ? name : name + ".", types);
    } finally {
      context.close();
    }
  }

  private SmtpException dnsFailure(String name, String type, NamingException e) {
    String where = dnsServer == null ? "the system resolver" : dnsServer.toString();
    return SmtpException.io(
        name,
        "DNS",
        type + " lookup for " + name + " failed at " + where + ": " + e.getExplanation(),
        e);
  }
}

package dev.alertmail.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small authoritative DNS server on UDP 127.0.0.1 for tests: MX, A and AAAA records from a table,
 * NXDOMAIN for unknown names, or silence. It lets MX routing run through the JDK's real DNS
 * provider, the path users take.
 */
public final class TestDnsServer implements AutoCloseable {

  private static final int A = 1;
  private static final int MX = 15;
  private static final int AAAA = 28;
  private static final int TXT = 16;

  private record Rr(int type, byte[] data) {}

  private final DatagramSocket socket;
  private final Map<String, List<Rr>> records = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private volatile boolean silent;
  // per query type: a response code to answer with instead of records, or -1 for silence
  private final Map<Integer, Integer> faults = new ConcurrentHashMap<>();

  private TestDnsServer() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread thread = new Thread(this::serve, "test-dns-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  public static TestDnsServer start() throws SocketException {
    return new TestDnsServer();
  }

  /** {@return the value to write in {@code <dnsServer>}} */
  public HostPort address() {
    return new HostPort("127.0.0.1", socket.getLocalPort());
  }

  public int queries() {
    return queries.get();
  }

  /** Answers nothing from now on, as an unreachable server would. */
  public TestDnsServer silent() {
    silent = true;
    return this;
  }

  /**
   * Answers queries of one type ({@code "A"}, {@code "AAAA"}, {@code "MX"}) with a failure from now
   * on: {@code "SERVFAIL"}, {@code "REFUSED"}, or {@code "SILENCE"} (no answer at all), as
   * resolvers without an upstream or home routers do for AAAA.
   */
  public TestDnsServer fail(String type, String how) {
    int code =
        switch (type) {
          case "A" -> A;
          case "AAAA" -> AAAA;
          case "MX" -> MX;
          default -> throw new IllegalArgumentException(type);
        };
    faults.put(
        code,
        switch (how) {
          case "SERVFAIL" -> 2;
          case "REFUSED" -> 5;
          case "SILENCE" -> -1;
          default -> throw new IllegalArgumentException(how);
        });
    return this;
  }

  /** Adds an MX record; {@code "."} as the exchange makes a null MX (RFC 7505). */
  public TestDnsServer mx(String domain, int preference, String exchange) {
    var data = new ByteArrayOutputStream();
    data.write(preference >> 8);
    data.write(preference);
    byte[] name = encodeName(exchange);
    data.write(name, 0, name.length);
    return add(domain, new Rr(MX, data.toByteArray()));
  }

  /** Adds a TXT record of the given character strings (each at most 255 bytes). */
  public TestDnsServer txt(String name, String... strings) {
    var data = new ByteArrayOutputStream();
    for (String text : strings) {
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length > 255) {
        throw new IllegalArgumentException("a TXT string holds at most 255 bytes: " + bytes.length);
      }
      data.write(bytes.length);
      data.write(bytes, 0, bytes.length);
    }
    return add(name, new Rr(TXT, data.toByteArray()));
  }

  /** Adds an address record, A or AAAA by the literal's kind. */
  public TestDnsServer address(String host, String literal) throws IOException {
    byte[] bytes = InetAddress.getByName(literal).getAddress();
    return add(host, new Rr(bytes.length == 4 ? A : AAAA, bytes));
  }

  private TestDnsServer add(String name, Rr rr) {
    records.computeIfAbsent(normal(name), n -> new ArrayList<>()).add(rr);
    return this;
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        queries.incrementAndGet();
        if (silent) {
          continue;
        }
        byte[] reply = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
        if (reply == null) {
          continue;
        }
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private byte[] answer(ByteBuffer query) {
    int id = query.getShort() & 0xffff;
    query.position(12);
    int questionStart = 12;
    StringBuilder name = new StringBuilder();
    for (int length = query.get() & 0xff; length > 0; length = query.get() & 0xff) {
      byte[] label = new byte[length];
      query.get(label);
      name.append(name.length() == 0 ? "" : ".")
          .append(new String(label, StandardCharsets.US_ASCII));
    }
    int type = query.getShort() & 0xffff;
    query.getShort(); // class IN
    int questionEnd = query.position();

    Integer fault = faults.get(type);
    if (fault != null && fault < 0) {
      return null;
    }
    List<Rr> known = records.get(normal(name.toString()));
    List<Rr> answers =
        known == null || fault != null
            ? List.of()
            : known.stream().filter(r -> r.type() == type).toList();
    var out = ByteBuffer.allocate(512);
    out.putShort((short) id);
    // QR, AA, RD, RA; NXDOMAIN when the name has no record of any type
    int rcode = fault != null ? fault : known == null ? 3 : 0;
    out.putShort((short) (0x8580 | rcode));
    out.putShort((short) 1)
        .putShort((short) answers.size())
        .putShort((short) 0)
        .putShort((short) 0);
    out.put(query.array(), questionStart, questionEnd - questionStart);
    for (Rr rr : answers) {
      out.putShort((short) 0xc00c); // the question's name
      out.putShort((short) rr.type()).putShort((short) 1).putInt(60);
      out.putShort((short) rr.data().length).put(rr.data());
    }
    byte[] reply = new byte[out.position()];
    out.flip().get(reply);
    return reply;
  }

  private static byte[] encodeName(String name) {
    var out = new ByteArrayOutputStream();
    for (String label : normal(name).split("\\.")) {
      if (!label.isEmpty()) {
        out.write(label.length());
        out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
      }
    }
    out.write(0);
    return out.toByteArray();
  }

  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  @Override
  public void close() {
    socket.close();
  }
}

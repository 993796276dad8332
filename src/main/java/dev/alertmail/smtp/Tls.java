package dev.alertmail.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Layers TLS over a connected socket: TLS 1.2 or newer, SNI, and host name verification that is
 * always on. Handshake failures become messages a user can act on.
 */
final class Tls {

  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private Tls() {}

  /**
   * Wraps {@code plain} (closing it with the TLS socket) and completes the handshake within the
   * connect timeout, so an unusable certificate fails here and not at the first command.
   */
  static SSLSocket wrap(Socket plain, SmtpSettings settings) throws IOException {
    String server = settings.server();
    SSLSocket socket;
    try {
      SSLContext context =
          settings.sslContext() != null ? settings.sslContext() : SSLContext.getDefault();
      socket =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(plain, settings.host(), settings.port(), true);
    } catch (GeneralSecurityException e) {
      throw SmtpException.permanent(server, "TLS", "no TLS available: " + e.getMessage());
    }
    SSLParameters parameters = socket.getSSLParameters();
    // "HTTPS" is RFC 2818/6125 matching of the SAN against the host; SMTP has no looser rule
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    String[] protocols =
        Arrays.stream(socket.getSupportedProtocols())
            .filter(PROTOCOLS::contains)
            .toArray(String[]::new);
    parameters.setProtocols(protocols);
    if (!isAddressLiteral(settings.host())) {
      parameters.setServerNames(List.of(new SNIHostName(settings.host())));
    }
    socket.setSSLParameters(parameters);
    try {
      socket.setSoTimeout((int) settings.connectTimeout().toMillis());
      socket.startHandshake();
      socket.setSoTimeout((int) settings.readTimeout().toMillis());
      return socket;
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new FailureWords(server, settings).handshakeTimeout(e);
    } catch (SSLException e) {
      closeQuietly(socket);
      throw handshakeFailure(server, settings, e);
    } catch (EOFException e) {
      closeQuietly(socket);
      throw SmtpException.io(
          server, "TLS", "server closed the connection during the TLS handshake", e);
    }
  }

  /** Names the certificate problem; everything about certificates is permanent until fixed. */
  private static SmtpException handshakeFailure(
      String server, SmtpSettings settings, SSLException e) {
    String host = settings.host();
    String what;
    SmtpException.Reason reason = SmtpException.Reason.CONFIGURATION;
    if (settings.tls() == TlsMode.IMPLICIT
        && messageContains(e, "Unsupported or unrecognized SSL message")) {
      // the server answered in plain text: its greeting, read as a TLS record
      what =
          "the server on port "
              + settings.port()
              + " does not speak TLS on connect; <tls>IMPLICIT</tls> is for SMTPS ports (465):"
              + " for ports 25 and 587 write <tls>STARTTLS</tls>";
    } else if (hasCause(e, CertificateExpiredException.class)) {
      what =
          "the server's certificate has expired ("
              + causeMessage(e, CertificateExpiredException.class)
              + "); whoever runs "
              + host
              + " must renew it (see its dates with: openssl s_client -connect "
              + host
              + ":"
              + settings.port()
              + (settings.tls() == TlsMode.IMPLICIT ? "" : " -starttls smtp")
              + " | openssl x509 -noout -dates); AlertMail never sends to a server whose"
              + " certificate has expired";
    } else if (hasCause(e, CertificateNotYetValidException.class)) {
      what =
          "the server's certificate is not valid yet ("
              + causeMessage(e, CertificateNotYetValidException.class)
              + "): check this machine's clock, then the server's";
    } else if (messageContains(e, "protocol_version", "No appropriate protocol")) {
      // the JDK refuses TLS 1.0 and 1.1 (RFC 8996); such a server answers a modern hello so
      what =
          "the server and this Java share no TLS version: most likely the server offers only TLS"
              + " 1.0 or 1.1, which are insecure (RFC 8996) and disabled in Java, and must offer TLS"
              + " 1.2 or 1.3 (or jdk.tls.client.protocols restricts this JVM's own versions) ("
              + e.getMessage()
              + ")";
      reason = SmtpException.Reason.SERVER;
    } else if (messageContains(e, "No subject alternative", "No name matching")) {
      what =
          "the server's certificate does not match the host name "
              + host
              + "; connect by the name the certificate was issued for";
    } else if (hasCause(e, CertPathValidatorException.class)
        || messageContains(e, "unable to find valid certification path", "PKIX")) {
      what =
          "the server's certificate is not trusted (self-signed or unknown CA);"
              + " add its CA certificate to <trustStore>";
    } else if (e.getCause() instanceof SocketTimeoutException t) {
      return SmtpException.io(server, "TLS", "no TLS handshake in time", t);
    } else if (e.getCause() instanceof IOException io && !(io instanceof SSLException)) {
      return SmtpException.io(server, "TLS", "TLS handshake interrupted: " + io.getMessage(), e);
    } else {
      what = "TLS handshake failed: " + e.getMessage();
      reason = SmtpException.Reason.SERVER;
    }
    return new SmtpException(server + ": " + what, "TLS", null, false, e, reason);
  }

  private static String causeMessage(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return String.valueOf(t.getMessage());
      }
    }
    return "";
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean messageContains(Throwable e, String... fragments) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null) {
        for (String fragment : fragments) {
          if (message.contains(fragment)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** SNI carries host names only (RFC 6066 §3), never IPv4 or IPv6 literals. */
  static boolean isAddressLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    // digits and dots, by hand: a regular expression here costs the command line's start ~2 ms
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.')) {
        return false;
      }
    }
    return !host.isEmpty();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the handshake failure is what matters
    }
  }
}

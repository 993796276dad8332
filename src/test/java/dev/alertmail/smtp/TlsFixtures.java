package dev.alertmail.smtp;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** SSL contexts from the PKCS12 fixtures made by {@code src/test/resources/tls/generate.sh}. */
final class TlsFixtures {

  static final char[] PASSWORD = "changeit".toCharArray();

  private TlsFixtures() {}

  static KeyStore load(String name) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = TlsFixtures.class.getResourceAsStream("/tls/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture /tls/" + name + "; run generate.sh");
      }
      store.load(in, PASSWORD);
    }
    return store;
  }

  /** The server side: presents the fixture's certificate. */
  static SSLContext serverContext(String name) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(name), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /**
   * The client side: trusts exactly the fixture's certificate (its first alias: "server", or "ca"
   * in ca.p12), as a user's trust store would.
   */
  static SSLContext trusting(String name) throws Exception {
    KeyStore store = load(name);
    Certificate certificate = store.getCertificate(store.aliases().nextElement());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("trusted", certificate);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }
}

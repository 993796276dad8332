package dev.alertmail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads {@code <trustStore>} into a TLS context in {@code start()}, so that a missing file or a
 * wrong password is a configuration error, not a failure at the first alert. The command line loads
 * its {@code trustStore} setting the same way.
 */
public final class TrustStores {

  private TrustStores() {}

  /**
   * The context trusting only the given store, or null for the JVM's trust store.
   *
   * @param path the store's path, or null or blank for none
   * @param password the store's password, or null
   * @param problems receives each problem, naming the element; the password is never quoted
   * @return the context, or null when there is no store or a problem was added
   */
  public static SSLContext context(String path, String password, List<String> problems) {
    if (path == null || path.isBlank()) {
      if (password != null && !password.isBlank()) {
        problems.add(
            "<trustStorePassword> is set but <trustStore> is not: write"
                + " <trustStore>/etc/alertmail/ca.p12</trustStore>, or remove the password.");
      }
      return null;
    }
    Path file = Path.of(path.strip());
    if (!Files.isReadable(file)) {
      problems.add(
          "<trustStore> '"
              + file
              + "' is not a readable file: write the path of a PEM certificate (or bundle), or of a"
              + " PKCS12 or JKS trust store.");
      return null;
    }
    char[] secret = password == null ? null : password.toCharArray();
    try {
      KeyStore store = isPem(file) ? pem(file) : load(file, secret);
      if (!holdsCertificates(store)) {
        // else every handshake fails with "the trustAnchors parameter must be non-empty"
        problems.add(
            "<trustStore> '"
                + file
                + (secret == null
                    ? "' shows no certificates without its password (a PKCS12 store encrypts"
                        + " them): write <trustStorePassword>."
                    : "' holds no certificates: import your CA's with keytool -importcert."));
        return null;
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        problems.add(
            "<trustStorePassword> does not open <trustStore> '"
                + file
                + "': write the store's password (the value is not shown here).");
      } else {
        problems.add(
            "<trustStore> '"
                + file
                + "' cannot be read as a PEM certificate, PKCS12 or JKS ("
                + e.getMessage()
                + "): write the path of your CA's certificate as PEM (what openssl, curl and"
                + " Postfix use), or of a PKCS12 store.");
      }
      return null;
    } catch (GeneralSecurityException e) {
      problems.add("<trustStore> '" + file + "' cannot be used: " + e.getMessage());
      return null;
    }
  }

  /** A PEM file: "-----BEGIN CERTIFICATE-----" somewhere near its start (after comments). */
  private static boolean isPem(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      String head =
          new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.US_ASCII);
      return head.contains("-----BEGIN CERTIFICATE-----");
    }
  }

  /**
   * Every certificate of a PEM file (one, or a bundle as {@code /etc/ssl/certs/ca-certificates.crt}
   * holds) as trusted entries of an in-memory store: no password, nothing to convert.
   */
  private static KeyStore pem(Path file) throws IOException, GeneralSecurityException {
    var factory = java.security.cert.CertificateFactory.getInstance("X.509");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      int n = 0;
      for (var certificate : factory.generateCertificates(in)) {
        store.setCertificateEntry("pem-" + n++, certificate);
      }
    }
    return store;
  }

  private static boolean holdsCertificates(KeyStore store) throws GeneralSecurityException {
    for (String alias : java.util.Collections.list(store.aliases())) {
      if (store.getCertificate(alias) != null) {
        return true;
      }
    }
    return false;
  }

  private static KeyStore load(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    IOException first = null;
    // PKCS12 first: the JDK's default; JKS for older stores that the compat mode does not cover
    for (String type : List.of("PKCS12", "JKS")) {
      KeyStore store = KeyStore.getInstance(type);
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password);
        return store;
      } catch (IOException e) {
        if (e.getCause() instanceof UnrecoverableKeyException) {
          throw e;
        }
        first = first == null ? e : first;
      }
    }
    throw first;
  }
}

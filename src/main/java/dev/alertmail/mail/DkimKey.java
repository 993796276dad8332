package dev.alertmail.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * A DKIM signing key (RFC 6376, RFC 8463): Ed25519, or RSA of {@value #MIN_RSA_BITS} bits or more,
 * from an unencrypted PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl
 * genpkey} and {@code alertmail dkim-key} write). It knows its public half, so a DNS record can be
 * printed or compared. No message it gives ever holds the key's text.
 */
public final class DkimKey {

  /** RSA keys shorter than this are refused: RFC 8301 forbids 1024-bit signing. */
  public static final int MIN_RSA_BITS = 2048;

  /** The signing algorithms, by their {@code a=} and {@code k=} names. */
  public enum Algorithm {
    /** {@code a=rsa-sha256}, {@code k=rsa}. */
    RSA_SHA256("rsa-sha256", "rsa"),
    /** {@code a=ed25519-sha256}, {@code k=ed25519} (RFC 8463). */
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    Algorithm(String tag, String keyType) {
      this.tag = tag;
      this.keyType = keyType;
    }

    /** {@return the {@code a=} tag's value} */
    public String tag() {
      return tag;
    }

    /** {@return the {@code k=} tag's value of the DNS record} */
    public String keyType() {
      return keyType;
    }
  }

  private final Algorithm algorithm;
  private final PrivateKey key;
  private final byte[] publicKey;

  private DkimKey(Algorithm algorithm, PrivateKey key, byte[] publicKey) {
    this.algorithm = algorithm;
    this.key = key;
    this.publicKey = publicKey;
  }

  /**
   * Reads a key file.
   *
   * @throws IllegalArgumentException saying what is wrong with the file and what to do, never
   *     quoting it
   */
  public static DkimKey read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + " does not exist");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IllegalArgumentException(
          "cannot read "
              + file
              + ": permission denied for the user "
              + System.getProperty("user.name")
              + "; the key must be readable by the application's user, and only by it (chown"
              + " that user, chmod 600)");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not a PEM file (it is not ASCII text)");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          file
              + " holds a PKCS#1 RSA key; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in "
              + file
              + " -out dkim.pem");
    }
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          file
              + " holds an encrypted key; the appender cannot ask for its passphrase: keep an"
              + " unencrypted copy readable by the application's user only");
    }
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          file
              + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----); make one with"
              + " alertmail dkim-key");
    }
    byte[] der;
    try {
      der =
          Base64.getMimeDecoder()
              .decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not valid PEM: its Base64 is damaged");
    }
    try {
      return of(der);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /** A key from its PKCS#8 DER encoding. */
  static DkimKey of(byte[] pkcs8) {
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return ofPrivate(key);
    } catch (GeneralSecurityException notEd25519) {
      // try RSA next
    }
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return ofPrivate(key);
    } catch (GeneralSecurityException notRsa) {
      throw new IllegalArgumentException(
          "the key is neither Ed25519 nor RSA (DKIM signs with these two only)");
    }
  }

  /** A key from a JDK private key: Ed25519, or RSA with its CRT parameters. */
  public static DkimKey ofPrivate(PrivateKey key) {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
          throw new IllegalArgumentException(
              "the RSA key has "
                  + bits
                  + " bits; DKIM needs "
                  + MIN_RSA_BITS
                  + " or more (RFC 8301): make a new one with alertmail dkim-key");
        }
        byte[] spki =
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()))
                .getEncoded();
        return new DkimKey(Algorithm.RSA_SHA256, key, spki);
      }
      if (key instanceof EdECPrivateKey ed
          && ed.getParams().getName().equalsIgnoreCase("Ed25519")
          && ed.getBytes().isPresent()) {
        return new DkimKey(Algorithm.ED25519_SHA256, key, ed25519Public(ed.getBytes().get()));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the key cannot be used: " + e.getClass().getSimpleName());
    }
    throw new IllegalArgumentException(
        "the key is "
            + key.getAlgorithm()
            + "; DKIM signs with Ed25519 or RSA only (an Ed448 or EC key will not do)");
  }

  /**
   * The public key of an Ed25519 private key. The JDK has no call for it, but its generator derives
   * the pair from 32 random bytes: given the private key as those bytes, it makes the same pair.
   */
  private static byte[] ed25519Public(byte[] privateBytes) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(
        NamedParameterSpec.ED25519,
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(
                privateBytes, 0, bytes, 0, Math.min(bytes.length, privateBytes.length));
          }
        });
    KeyPair pair = generator.generateKeyPair();
    byte[] again = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
    if (!Arrays.equals(again, privateBytes)) {
      throw new GeneralSecurityException("the public key could not be derived");
    }
    byte[] spki = pair.getPublic().getEncoded();
    // the X.509 encoding ends with the 32 raw bytes, which is what an ed25519 record holds
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  /** {@return a new key pair's private half: Ed25519, or RSA of 2048 bits} */
  public static DkimKey generate(Algorithm algorithm) {
    try {
      KeyPairGenerator generator =
          KeyPairGenerator.getInstance(algorithm == Algorithm.RSA_SHA256 ? "RSA" : "Ed25519");
      if (algorithm == Algorithm.RSA_SHA256) {
        generator.initialize(MIN_RSA_BITS);
      }
      return ofPrivate(generator.generateKeyPair().getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK 17 makes RSA and Ed25519 keys", e);
    }
  }

  /** {@return the algorithm this key signs with} */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** {@return the {@code p=} value of the DNS record: Base64 of the public key} */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey);
  }

  /** {@return the TXT record's text, e.g. {@code v=DKIM1; k=ed25519; p=...}} */
  public String txtRecord() {
    return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + publicKeyBase64();
  }

  /** {@return the key as a PKCS#8 PEM file's text}, for {@code alertmail dkim-key} */
  public String pem() {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /** {@return the size in bits, for messages: 2048 for RSA-2048, 256 for Ed25519} */
  public int bits() {
    return key instanceof RSAPrivateCrtKey rsa ? rsa.getModulus().bitLength() : 256;
  }

  /**
   * Signs the data as the algorithm says: RSA over the data with SHA-256; Ed25519 over the data's
   * SHA-256 hash (RFC 8463 §3), not over the data.
   */
  byte[] sign(byte[] data) {
    try {
      if (algorithm == Algorithm.RSA_SHA256) {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(data);
        return rsa.sign();
      }
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(key);
      ed.update(MessageDigest.getInstance("SHA-256").digest(data));
      return ed.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with a checked key failed", e);
    }
  }

  /** Never the key: its algorithm and size. */
  @Override
  public String toString() {
    return algorithm.tag().toUpperCase(Locale.ROOT) + " key (" + bits() + " bits)";
  }
}

package dev.alertmail.bench;

import dev.alertmail.mail.DkimKey;
import dev.alertmail.mail.DkimSigner;
import dev.alertmail.smtp.Envelope;
import dev.alertmail.smtp.SmtpClient;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DKIM's cost per mail beside the send itself: signing the same 6 KB alert mail the delivery
 * benchmark sends (RSA-2048 and Ed25519), and one SMTP session per mail to a local sink, unsigned
 * and signed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DkimSigningBenchmark {

  /** No signature (the baseline), or a key of each kind. */
  public enum Signing {
    NONE,
    RSA_2048,
    ED25519
  }

  @Param({"NONE", "RSA_2048", "ED25519"})
  public Signing signing;

  private byte[] message;
  private DkimSigner signer;
  private SinkSmtpServer sink;
  private SmtpClient client;
  private Envelope envelope;

  @Setup(Level.Trial)
  public void start() throws Exception {
    message = DeliveryBenchmark.sampleMessage();
    signer =
        signing == Signing.NONE
            ? null
            : new DkimSigner(
                "example.com",
                "alerts1",
                DkimKey.generate(
                    signing == Signing.RSA_2048
                        ? DkimKey.Algorithm.RSA_SHA256
                        : DkimKey.Algorithm.ED25519_SHA256),
                InstantSource.system());
    sink = new SinkSmtpServer();
    client = DeliveryBenchmark.alertMailClient(sink.port());
    envelope = new Envelope("alerts@example.com", List.of("ops@example.com"));
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    sink.close();
  }

  /** The signature alone: canonicalization, hashes and the private-key operation. */
  @Benchmark
  public byte[] sign() {
    return signer == null ? message : signer.sign(message);
  }

  /** Signing and one SMTP session per mail, as the sender does it. */
  @Benchmark
  public Object signAndSend() throws Exception {
    return client.send(envelope, signer == null ? message : signer.sign(message));
  }
}

package io.consensio.bench;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 signing and verification of one 128-byte message, Bouncy Castle (what Consensio uses:
 * {@link Ed25519KeyPair}, {@link Ed25519Verifier}) against the JDK's own {@code
 * java.security.Signature} "Ed25519".
 *
 * <p>Why it matters: every transaction is verified once on mempool admission and again on block
 * import unless the mempool already verified it, and PBFT/PoS/DPoS verify a signature per vote or
 * seal, so verification throughput bounds transactions per second. Both sides use the same key (one
 * seed) and, Ed25519 being deterministic, produce the same signature, which setup checks. The
 * Bouncy Castle side benefits from {@link PublicKey}'s cached decoded point, as it does in a node;
 * the JDK {@code Signature} objects are initialised once and reused, as a careful caller would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SignatureBenchmark {
  /** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410); the raw 32 bytes follow. */
  private static final byte[] X509_ED25519_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private byte[] message;
  private Ed25519KeyPair bcKeyPair;
  private PublicKey bcPublicKey;
  private Signature bcSignature;
  private java.security.Signature jdkSigner;
  private java.security.Signature jdkVerifier;
  private byte[] jdkSignature;

  @Setup
  public void setUp() throws GeneralSecurityException {
    message = new byte[128];
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) (i * 31 + 7);
    }
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 42);
    bcKeyPair = Ed25519KeyPair.fromSeed(seed);
    bcPublicKey = bcKeyPair.publicKey();
    bcSignature = bcKeyPair.sign(message);

    KeyFactory keys = KeyFactory.getInstance("Ed25519");
    byte[] x509 = Arrays.copyOf(X509_ED25519_PREFIX, X509_ED25519_PREFIX.length + 32);
    System.arraycopy(bcPublicKey.toBytes(), 0, x509, X509_ED25519_PREFIX.length, 32);
    jdkSigner = java.security.Signature.getInstance("Ed25519");
    jdkSigner.initSign(
        keys.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
    jdkVerifier = java.security.Signature.getInstance("Ed25519");
    jdkVerifier.initVerify(keys.generatePublic(new X509EncodedKeySpec(x509)));
    jdkSigner.update(message);
    jdkSignature = jdkSigner.sign();

    if (!Arrays.equals(jdkSignature, bcSignature.toBytes())) {
      throw new IllegalStateException("the JDK and Bouncy Castle disagree on the signature");
    }
    if (!bcVerify() || !jdkVerify()) {
      throw new IllegalStateException("a valid signature did not verify");
    }
  }

  @Benchmark
  public Signature bcSign() {
    return bcKeyPair.sign(message);
  }

  @Benchmark
  public byte[] jdkSign() throws GeneralSecurityException {
    jdkSigner.update(message);
    return jdkSigner.sign();
  }

  @Benchmark
  public boolean bcVerify() {
    return Ed25519Verifier.INSTANCE.verify(bcPublicKey, message, bcSignature);
  }

  @Benchmark
  public boolean jdkVerify() throws GeneralSecurityException {
    jdkVerifier.update(message);
    return jdkVerifier.verify(jdkSignature);
  }
}

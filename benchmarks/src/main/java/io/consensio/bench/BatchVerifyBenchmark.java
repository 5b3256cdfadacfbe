package io.consensio.bench;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying a block's worth of Ed25519 signatures — 1,000 signatures by 100 keys over distinct
 * 128-byte messages — with Bouncy Castle (Consensio's {@link Ed25519Verifier}) and with the JDK's
 * {@code java.security.Signature} "Ed25519", each sequentially on one thread and split in halves
 * across two threads (the calling thread and one pool thread, as a node's compute pool would run
 * them).
 *
 * <p>Neither library has a batch-verification API (Bouncy Castle 1.87's {@code
 * org.bouncycastle.math.ec.rfc8032.Ed25519} verifies one signature per call; the JDK has only
 * {@code Signature}), so "batch verify" here means verifying a batch: the figure is the time per
 * 1,000 signatures, and the two-thread variant shows what parallel workers buy. A true batch
 * verification (one multi-scalar multiplication for many signatures) would need a library that
 * offers it. Every invocation checks that all 1,000 verified, so a failure cannot be measured as
 * speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BatchVerifyBenchmark {
  static final int SIGNATURES = 1_000;
  private static final int KEYS = 100;
  private static final byte[] X509_ED25519_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private PublicKey[] bcKeys;
  private Signature[] bcSignatures;
  private java.security.PublicKey[] jdkKeys;
  private byte[][] rawSignatures;
  private byte[][] messages;
  private java.security.Signature[] jdkVerifiers;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    List<Ed25519KeyPair> signers = BenchKeys.keys(KEYS);
    KeyFactory keyFactory = KeyFactory.getInstance("Ed25519");
    bcKeys = new PublicKey[SIGNATURES];
    bcSignatures = new Signature[SIGNATURES];
    jdkKeys = new java.security.PublicKey[SIGNATURES];
    rawSignatures = new byte[SIGNATURES][];
    messages = new byte[SIGNATURES][];
    java.security.PublicKey[] jdkKeyOf = new java.security.PublicKey[KEYS];
    for (int k = 0; k < KEYS; k++) {
      byte[] x509 = Arrays.copyOf(X509_ED25519_PREFIX, X509_ED25519_PREFIX.length + 32);
      System.arraycopy(
          signers.get(k).publicKey().toBytes(), 0, x509, X509_ED25519_PREFIX.length, 32);
      jdkKeyOf[k] = keyFactory.generatePublic(new X509EncodedKeySpec(x509));
    }
    for (int i = 0; i < SIGNATURES; i++) {
      Ed25519KeyPair signer = signers.get(i % KEYS);
      byte[] message = new byte[128];
      for (int j = 0; j < message.length; j++) {
        message[j] = (byte) (i * 131 + j * 7);
      }
      messages[i] = message;
      bcKeys[i] = signer.publicKey();
      bcSignatures[i] = signer.sign(message);
      rawSignatures[i] = bcSignatures[i].toBytes();
      jdkKeys[i] = jdkKeyOf[i % KEYS];
    }
    jdkVerifiers =
        new java.security.Signature[] {
          java.security.Signature.getInstance("Ed25519"),
          java.security.Signature.getInstance("Ed25519")
        };
    pool = Executors.newFixedThreadPool(1);
    if (bcVerifyRange(0, SIGNATURES) != SIGNATURES
        || jdkVerifyRange(0, 0, SIGNATURES) != SIGNATURES) {
      throw new IllegalStateException("a valid signature did not verify");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  private int bcVerifyRange(int from, int to) {
    int valid = 0;
    for (int i = from; i < to; i++) {
      if (Ed25519Verifier.INSTANCE.verify(bcKeys[i], messages[i], bcSignatures[i])) {
        valid++;
      }
    }
    return valid;
  }

  private int jdkVerifyRange(int verifier, int from, int to) {
    java.security.Signature jdk = jdkVerifiers[verifier];
    int valid = 0;
    try {
      for (int i = from; i < to; i++) {
        jdk.initVerify(jdkKeys[i]);
        jdk.update(messages[i]);
        if (jdk.verify(rawSignatures[i])) {
          valid++;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return valid;
  }

  private static int requireAll(int valid) {
    if (valid != SIGNATURES) {
      throw new IllegalStateException(valid + " of " + SIGNATURES + " signatures verified");
    }
    return valid;
  }

  @Benchmark
  public int bcSequential() {
    return requireAll(bcVerifyRange(0, SIGNATURES));
  }

  @Benchmark
  public int bcTwoThreads() throws InterruptedException, ExecutionException {
    Future<Integer> secondHalf = pool.submit(() -> bcVerifyRange(SIGNATURES / 2, SIGNATURES));
    int firstHalf = bcVerifyRange(0, SIGNATURES / 2);
    return requireAll(firstHalf + secondHalf.get());
  }

  @Benchmark
  public int jdkSequential() {
    return requireAll(jdkVerifyRange(0, 0, SIGNATURES));
  }

  @Benchmark
  public int jdkTwoThreads() throws InterruptedException, ExecutionException {
    Future<Integer> secondHalf = pool.submit(() -> jdkVerifyRange(1, SIGNATURES / 2, SIGNATURES));
    int firstHalf = jdkVerifyRange(0, 0, SIGNATURES / 2);
    return requireAll(firstHalf + secondHalf.get());
  }
}

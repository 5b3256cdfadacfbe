package io.consensio.bench;

import io.consensio.pow.header.DoubleSha256;
import io.consensio.pow.header.MidstateHasher;
import io.consensio.pow.header.PowHeader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The {@link PowHashBenchmark} comparison in CPU time instead of wall time, for machines shared
 * with other work, where JMH's wall-clock scores swing with the load: hashes per CPU-second of the
 * plain JDK double SHA-256, {@link MidstateHasher} and {@link JavaSha256Midstate}, measured in
 * interleaved rounds so that a change of load hits every variant alike; then {@link MidstateHasher}
 * on two threads at once, each thread's hashes per CPU-second against the single-thread figure. Two
 * threads reach twice the single-thread hash rate exactly when each keeps its single-thread
 * efficiency and the machine gives each a core, so the efficiency ratio is what this machine can
 * say about scaling while shared; the wall-clock scaling is JMH's {@code midstateTwoThreads}.
 *
 * <p>Run: {@code java --add-opens=java.base/sun.security.provider=ALL-UNNAMED -cp
 * benchmarks/target/benchmarks.jar io.consensio.bench.PowHashCpuTime}. Without the option {@link
 * MidstateHasher} uses its cloned-digest fallback, which the output names.
 */
public final class PowHashCpuTime {
  private static final int ROUNDS = 8;
  private static final int WARM_UP_ROUNDS = 3;
  private static final int HASHES = 2_000_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final byte[] header;
  private final byte[] out = new byte[32];
  private final byte[] firstHash = new byte[32];
  private final MessageDigest sha256;

  private PowHashCpuTime() throws NoSuchAlgorithmException {
    byte[] previous = new byte[32];
    byte[] merkleRoot = new byte[32];
    Arrays.fill(previous, (byte) 0x11);
    Arrays.fill(merkleRoot, (byte) 0x22);
    header = new PowHeader(1, previous, merkleRoot, 1_700_000_000L, 0x1d00ffff, 0).encode();
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  public static void main(String[] args) throws Exception {
    new PowHashCpuTime().run();
  }

  private void run() throws Exception {
    MidstateHasher midstate = new MidstateHasher(header);
    JavaSha256Midstate handWritten = new JavaSha256Midstate(header);
    checkAgreement(midstate, handWritten);
    System.out.printf(
        "MidstateHasher path: %s%n",
        MidstateHasher.usesCompressionFunction()
            ? "JDK compression function"
            : "cloned MessageDigest (no --add-opens)");
    double plainSum = 0;
    double midstateSum = 0;
    double handWrittenSum = 0;
    for (int round = 0; round < ROUNDS; round++) {
      double plain = perCpuSecond(HASHES, this::plainDoubleSha256);
      double mid = perCpuSecond(HASHES, n -> midstate.hash(n, out));
      double hand = perCpuSecond(HASHES / 4, n -> handWritten.hash(n, out));
      System.out.printf(
          "round %d: plain %,.0f  midstate %,.0f  hand-written %,.0f  hashes/CPU-s%n",
          round, plain, mid, hand);
      if (round >= WARM_UP_ROUNDS) {
        plainSum += plain;
        midstateSum += mid;
        handWrittenSum += hand;
      }
    }
    int measured = ROUNDS - WARM_UP_ROUNDS;
    System.out.printf(
        "mean of %d rounds: plain %,.0f  midstate %,.0f  hand-written %,.0f  hashes/CPU-s%n",
        measured, plainSum / measured, midstateSum / measured, handWrittenSum / measured);
    System.out.printf(
        "midstate / plain: %.3f   hand-written / plain: %.3f%n",
        midstateSum / plainSum, handWrittenSum / plainSum);
    double single = midstateSum / measured;
    double[] twoThreads = twoThreadsPerCpuSecond();
    System.out.printf(
        "two threads at once: %,.0f and %,.0f hashes/CPU-s each, %.3f and %.3f of one thread's%n",
        twoThreads[0], twoThreads[1], twoThreads[0] / single, twoThreads[1] / single);
  }

  private interface NonceLoop {
    void hash(long nonce) throws DigestException;
  }

  private static double perCpuSecond(int hashes, NonceLoop loop) throws DigestException {
    long start = THREADS.getCurrentThreadCpuTime();
    for (int nonce = 0; nonce < hashes; nonce++) {
      loop.hash(nonce);
    }
    long cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
    return hashes / (cpuNanos / 1e9);
  }

  private void plainDoubleSha256(long n) throws DigestException {
    PowHeaderBytes.putNonce(header, n);
    sha256.update(header, 0, PowHeader.SIZE);
    sha256.digest(firstHash, 0, 32);
    sha256.update(firstHash, 0, 32);
    sha256.digest(out, 0, 32);
  }

  /** Each of two threads hashes with its own hasher, as compute tasks do; CPU rate of each. */
  private double[] twoThreadsPerCpuSecond() throws InterruptedException {
    double[] rates = new double[2];
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int index = t;
      byte[] template = header.clone();
      threads[t] =
          new Thread(
              () -> {
                MidstateHasher hasher = new MidstateHasher(template);
                byte[] result = new byte[32];
                try {
                  start.await();
                  double sum = 0;
                  for (int round = 0; round < ROUNDS; round++) {
                    double rate = perCpuSecond(HASHES, n -> hasher.hash(n, result));
                    if (round >= WARM_UP_ROUNDS) {
                      sum += rate;
                    }
                  }
                  rates[index] = sum / (ROUNDS - WARM_UP_ROUNDS);
                } catch (InterruptedException | DigestException e) {
                  throw new IllegalStateException(e);
                }
              });
      threads[t].start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return rates;
  }

  private void checkAgreement(MidstateHasher midstate, JavaSha256Midstate handWritten)
      throws DigestException {
    for (long nonce : new long[] {0, 123_456_789L, PowHeader.MAX_UINT32}) {
      byte[] template = header.clone();
      PowHeaderBytes.putNonce(template, nonce);
      byte[] expected = DoubleSha256.hash(template);
      midstate.hash(nonce, out);
      byte[] fromMidstate = out.clone();
      handWritten.hash(nonce, out);
      byte[] fromHandWritten = out.clone();
      plainDoubleSha256(nonce);
      if (!Arrays.equals(fromMidstate, expected)
          || !Arrays.equals(fromHandWritten, expected)
          || !Arrays.equals(out, expected)) {
        throw new IllegalStateException("the hashers disagree on a header's hash");
      }
    }
  }

  /** The nonce field of an encoded header: bytes 76-79, little-endian. */
  private static final class PowHeaderBytes {
    static void putNonce(byte[] header, long nonce) {
      header[76] = (byte) nonce;
      header[77] = (byte) (nonce >>> 8);
      header[78] = (byte) (nonce >>> 16);
      header[79] = (byte) (nonce >>> 24);
    }
  }
}

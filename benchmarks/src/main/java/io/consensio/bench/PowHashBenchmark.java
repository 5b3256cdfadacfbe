package io.consensio.bench;

import io.consensio.pow.header.DoubleSha256;
import io.consensio.pow.header.MidstateHasher;
import io.consensio.pow.header.PowHeader;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Hashes per second of the proof-of-work nonce search over an 80-byte Bitcoin-style header, every
 * variant against the same baseline in one run:
 *
 * <ul>
 *   <li>{@code jdkPlainDoubleSha256}: the baseline, the JDK's {@code MessageDigest} "SHA-256" over
 *       the 80 bytes and again over the 32-byte result (three compressions per nonce);
 *   <li>{@code midstate}: the engine's {@link MidstateHasher} as a node runs it (two compressions,
 *       on the JDK's compression function, which the fork's {@code --add-opens} makes reachable);
 *   <li>{@code midstateClonedDigest}: the same class in a fork without {@code --add-opens}, so it
 *       falls back to cloning a {@code MessageDigest} per nonce;
 *   <li>{@code handWrittenJavaMidstate}: {@link JavaSha256Midstate}, a pure-Java compression with
 *       everything nonce-independent precomputed;
 *   <li>{@code midstateTwoThreads}: {@code midstate} on two threads, each with its own hasher as in
 *       the engine's compute tasks (JMH reports the sum over threads).
 * </ul>
 *
 * <p>Why it matters: the hash rate sets how long a PoW node takes to find a block at a given
 * difficulty, so it is what difficulty and the simulator's compute rate are calibrated against.
 * Setup checks that every variant gives the reference double SHA-256 and that each fork uses the
 * hashing path its name says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class PowHashBenchmark {
  /** The JVM option that lets {@link MidstateHasher} call the JDK's compression function. */
  static final String OPEN_SHA2 = "--add-opens=java.base/sun.security.provider=ALL-UNNAMED";

  private final byte[] out = new byte[32];
  private final byte[] firstHash = new byte[32];
  private byte[] header;
  private MidstateHasher midstate;
  private JavaSha256Midstate handWritten;
  private MessageDigest sha256;
  private long nonce;

  @Setup
  public void setUp(BenchmarkParams params) throws NoSuchAlgorithmException, DigestException {
    boolean expectCompressionFunction = !params.getBenchmark().endsWith("ClonedDigest");
    if (MidstateHasher.usesCompressionFunction() != expectCompressionFunction) {
      throw new IllegalStateException(
          params.getBenchmark() + " runs on the wrong hashing path; check the fork's JVM options");
    }
    byte[] previous = new byte[32];
    byte[] merkleRoot = new byte[32];
    Arrays.fill(previous, (byte) 0x11);
    Arrays.fill(merkleRoot, (byte) 0x22);
    header = new PowHeader(1, previous, merkleRoot, 1_700_000_000L, 0x1d00ffff, 0).encode();
    midstate = new MidstateHasher(header);
    handWritten = new JavaSha256Midstate(header);
    sha256 = MessageDigest.getInstance("SHA-256");

    for (long probe : new long[] {0, 123_456_789L, PowHeader.MAX_UINT32}) {
      byte[] expected =
          DoubleSha256.hash(
              new PowHeader(1, previous, merkleRoot, 1_700_000_000L, 0x1d00ffff, probe).encode());
      midstate.hash(probe, out);
      check(expected, "MidstateHasher");
      handWritten.hash(probe, out);
      check(expected, "JavaSha256Midstate");
      plainDoubleSha256(probe);
      check(expected, "the plain double SHA-256");
    }
  }

  private void check(byte[] expected, String what) {
    if (!Arrays.equals(out, expected)) {
      throw new IllegalStateException(what + " disagrees with the reference double SHA-256");
    }
  }

  /** The next nonce of the search, an unsigned 32-bit value as in the header. */
  private long nextNonce() {
    nonce = (nonce + 1) & PowHeader.MAX_UINT32;
    return nonce;
  }

  private void plainDoubleSha256(long n) throws DigestException {
    header[76] = (byte) n;
    header[77] = (byte) (n >>> 8);
    header[78] = (byte) (n >>> 16);
    header[79] = (byte) (n >>> 24);
    sha256.update(header, 0, PowHeader.SIZE);
    sha256.digest(firstHash, 0, 32);
    sha256.update(firstHash, 0, 32);
    sha256.digest(out, 0, 32);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = OPEN_SHA2)
  public byte[] jdkPlainDoubleSha256() throws DigestException {
    plainDoubleSha256(nextNonce());
    return out;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = OPEN_SHA2)
  public byte[] midstate() {
    midstate.hash(nextNonce(), out);
    return out;
  }

  @Benchmark
  @Fork(1) // without OPEN_SHA2
  public byte[] midstateClonedDigest() {
    midstate.hash(nextNonce(), out);
    return out;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = OPEN_SHA2)
  public byte[] handWrittenJavaMidstate() {
    handWritten.hash(nextNonce(), out);
    return out;
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = OPEN_SHA2)
  @Threads(2)
  public byte[] midstateTwoThreads() {
    midstate.hash(nextNonce(), out);
    return out;
  }
}

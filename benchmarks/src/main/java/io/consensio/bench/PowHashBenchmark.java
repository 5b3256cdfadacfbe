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

/**
 * Hashes per second of the proof-of-work nonce search over an 80-byte Bitcoin-style header: the PoW
 * engine's {@link MidstateHasher} (two SHA-256 compressions per nonce, Bouncy Castle) against the
 * JDK's plain double SHA-256 ({@code MessageDigest} "SHA-256" twice, three compressions per nonce),
 * single-threaded; and the midstate search on two threads, each with its own hasher as in the
 * engine's compute tasks, so two-thread scaling can be read from the same run (JMH reports the sum
 * over threads).
 *
 * <p>Why it matters: the hash rate sets how long a PoW node takes to find a block at a given
 * difficulty, so it is what difficulty and the simulator's compute rate are calibrated against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PowHashBenchmark {
  private final byte[] out = new byte[32];
  private final byte[] firstHash = new byte[32];
  private byte[] header;
  private MidstateHasher midstate;
  private MessageDigest sha256;
  private long nonce;

  @Setup
  public void setUp() throws NoSuchAlgorithmException, DigestException {
    byte[] previous = new byte[32];
    byte[] merkleRoot = new byte[32];
    Arrays.fill(previous, (byte) 0x11);
    Arrays.fill(merkleRoot, (byte) 0x22);
    header = new PowHeader(1, previous, merkleRoot, 1_700_000_000L, 0x1d00ffff, 0).encode();
    midstate = new MidstateHasher(header);
    sha256 = MessageDigest.getInstance("SHA-256");

    long probe = 123_456_789L;
    midstate.hash(probe, out);
    byte[] midstateHash = out.clone();
    plainDoubleSha256(probe);
    byte[] expected =
        DoubleSha256.hash(
            new PowHeader(1, previous, merkleRoot, 1_700_000_000L, 0x1d00ffff, probe).encode());
    if (!Arrays.equals(midstateHash, expected) || !Arrays.equals(out, expected)) {
      throw new IllegalStateException("the hashers disagree on a header's hash");
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
  public byte[] midstate() {
    midstate.hash(nextNonce(), out);
    return out;
  }

  @Benchmark
  public byte[] jdkPlainDoubleSha256() throws DigestException {
    plainDoubleSha256(nextNonce());
    return out;
  }

  @Benchmark
  @Threads(2)
  public byte[] midstateTwoThreads() {
    midstate.hash(nextNonce(), out);
    return out;
  }
}

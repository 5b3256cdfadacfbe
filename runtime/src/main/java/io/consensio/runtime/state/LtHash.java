package io.consensio.runtime.state;

import io.consensio.api.types.Hash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A lattice (homomorphic) set hash in the style of Facebook's LtHash16 (Lewi et al., "Securing
 * Update Propagation with Homomorphic Hashing", 2019, §3), itself the construction of Bellare and
 * Micciancio ("A New Paradigm for Collision-free Hashing: Incrementality at Reduced Cost", 1997,
 * MuHASH/AdHASH §4–5) instantiated over vectors.
 *
 * <p>Each element is expanded to 2048 bytes, read as 1024 little-endian unsigned 16-bit lanes: the
 * element is hashed with SHA-256 and the digest keys AES-256 in counter mode (zero IV) whose first
 * 2048 keystream bytes are the expansion. The construction needs the expansion to behave as a
 * random function of the element; hash-then-stream-cipher gives that from SHA-256's collision
 * resistance and AES's pseudo-randomness, as the LtHash paper's BLAKE2xb or SHAKE128 would. It is
 * chosen for speed: the JDK runs SHA-256 and AES-CTR on the CPU's SHA and AES instructions, about
 * five times faster than Bouncy Castle's pure-Java SHAKE128 (the previous expansion, which was the
 * largest single cost of executing a transaction: every node expands every written entry twice).
 * The set hash is the lane-wise sum mod 2^16 of its elements. Adding an element adds its lanes,
 * removing it subtracts them, so the hash of a state changes in O(1) per changed entry regardless
 * of state size, and equal sets give equal sums whatever the order they were built in. The
 * published root is SHA-256 of the 2048-byte accumulator.
 *
 * <p>Mutable and not thread-safe: {@link StateEditor} owns one while it edits; a finished {@link
 * PersistentLedgerState} holds a private copy that is never changed again.
 */
public final class LtHash {
  public static final int LANES = 1024;
  public static final int BYTES = LANES * 2;

  private final char[] lanes;

  private LtHash(char[] lanes) {
    this.lanes = lanes;
  }

  /** The hash of the empty set: all lanes zero. */
  public static LtHash empty() {
    return new LtHash(new char[LANES]);
  }

  public LtHash copy() {
    return new LtHash(lanes.clone());
  }

  /** Overwrites this accumulator with {@code other}'s lanes. */
  public void restore(LtHash other) {
    System.arraycopy(other.lanes, 0, lanes, 0, LANES);
  }

  /** Adds {@code element} to the set. */
  public void add(byte[] element) {
    byte[] expanded = expand(element);
    for (int i = 0; i < LANES; i++) {
      lanes[i] = (char) (lanes[i] + lane(expanded, i));
    }
  }

  /** Removes {@code element}, which the caller knows to be in the set. */
  public void remove(byte[] element) {
    byte[] expanded = expand(element);
    for (int i = 0; i < LANES; i++) {
      lanes[i] = (char) (lanes[i] - lane(expanded, i));
    }
  }

  private static char lane(byte[] expanded, int i) {
    return (char) LITTLE_ENDIAN_LANES.get(expanded, 2 * i);
  }

  private static final VarHandle LITTLE_ENDIAN_LANES =
      MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.LITTLE_ENDIAN);

  /** The accumulator as 2048 bytes, lanes little-endian. */
  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    for (int i = 0; i < LANES; i++) {
      out[2 * i] = (byte) lanes[i];
      out[2 * i + 1] = (byte) (lanes[i] >>> 8);
    }
    return out;
  }

  /** SHA-256 of the accumulator: the 32-byte commitment published as a state root. */
  public Hash digest() {
    return Hash.sha256(toBytes());
  }

  /**
   * The element's 2048-byte expansion, in this thread's scratch buffer: valid until the thread's
   * next expansion (callers fold it into lanes at once), so expanding allocates no output array.
   */
  private static byte[] expand(byte[] element) {
    Expander expander = EXPANDER.get();
    try {
      byte[] key = expander.sha256.digest(element);
      expander.aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), ZERO_IV);
      int written = expander.aes.doFinal(ZEROS, 0, BYTES, expander.expansion, 0);
      if (written != BYTES) {
        throw new IllegalStateException("AES/CTR returned " + written + " of " + BYTES + " bytes");
      }
      return expander.expansion;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 and AES/CTR are required of every JDK", e);
    }
  }

  private static final byte[] ZEROS = new byte[BYTES];
  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

  // Cipher and MessageDigest objects are not thread-safe and costly to look up; one per thread
  private static final ThreadLocal<Expander> EXPANDER = ThreadLocal.withInitial(Expander::new);

  private static final class Expander {
    final MessageDigest sha256;
    final Cipher aes;
    final byte[] expansion = new byte[BYTES];

    Expander() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
        aes = Cipher.getInstance("AES/CTR/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 and AES/CTR are required of every JDK", e);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LtHash other && Arrays.equals(lanes, other.lanes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lanes);
  }
}

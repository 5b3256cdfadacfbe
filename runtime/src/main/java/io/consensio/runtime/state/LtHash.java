package io.consensio.runtime.state;

import io.consensio.api.types.Hash;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * A lattice (homomorphic) set hash in the style of Facebook's LtHash16 (Lewi et al., "Securing
 * Update Propagation with Homomorphic Hashing", 2019, §3), itself the construction of Bellare and
 * Micciancio ("A New Paradigm for Collision-free Hashing: Incrementality at Reduced Cost", 1997,
 * MuHASH/AdHASH §4–5) instantiated over vectors.
 *
 * <p>Each element is expanded with SHAKE128 to 2048 bytes, read as 1024 little-endian unsigned
 * 16-bit lanes; the set hash is the lane-wise sum mod 2^16 of its elements. Adding an element adds
 * its lanes, removing it subtracts them, so the hash of a state changes in O(1) per changed entry
 * regardless of state size, and equal sets give equal sums whatever the order they were built in.
 * The published root is SHA-256 of the 2048-byte accumulator.
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
    char[] expanded = expand(element);
    for (int i = 0; i < LANES; i++) {
      lanes[i] = (char) (lanes[i] + expanded[i]);
    }
  }

  /** Removes {@code element}, which the caller knows to be in the set. */
  public void remove(byte[] element) {
    char[] expanded = expand(element);
    for (int i = 0; i < LANES; i++) {
      lanes[i] = (char) (lanes[i] - expanded[i]);
    }
  }

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

  private static char[] expand(byte[] element) {
    SHAKEDigest shake = new SHAKEDigest(128);
    shake.update(element, 0, element.length);
    byte[] out = new byte[BYTES];
    shake.doFinal(out, 0, BYTES);
    char[] expanded = new char[LANES];
    for (int i = 0; i < LANES; i++) {
      expanded[i] = (char) ((out[2 * i] & 0xFF) | (out[2 * i + 1] & 0xFF) << 8);
    }
    return expanded;
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

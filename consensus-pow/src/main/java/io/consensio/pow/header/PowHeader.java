package io.consensio.pow.header;

import io.consensio.api.codec.DecodingException;
import java.util.Arrays;

/**
 * Bitcoin's 80-byte block header (Bitcoin Core src/primitives/block.h {@code CBlockHeader}):
 * version, previous block hash, Merkle root, time, compact target ("bits") and nonce, integers
 * little-endian, hashes in internal byte order. Immutable and thread-safe.
 *
 * @param version signed 32-bit version
 * @param previousHash 32 bytes, the parent header's double SHA-256
 * @param merkleRoot 32 bytes; in Consensio the commitment to the block id (see {@link
 *     BlockCommitment})
 * @param time seconds, unsigned 32-bit
 * @param bits compact target
 * @param nonce unsigned 32-bit
 */
public record PowHeader(
    int version, byte[] previousHash, byte[] merkleRoot, long time, int bits, long nonce) {
  public static final int SIZE = 80;
  public static final long MAX_UINT32 = 0xFFFF_FFFFL;

  public PowHeader {
    if (previousHash.length != 32 || merkleRoot.length != 32) {
      throw new IllegalArgumentException("header hashes have 32 bytes");
    }
    if (time < 0 || time > MAX_UINT32 || nonce < 0 || nonce > MAX_UINT32) {
      throw new IllegalArgumentException("time and nonce are unsigned 32-bit values");
    }
    previousHash = previousHash.clone();
    merkleRoot = merkleRoot.clone();
  }

  @Override
  public byte[] previousHash() {
    return previousHash.clone();
  }

  @Override
  public byte[] merkleRoot() {
    return merkleRoot.clone();
  }

  public PowHeader withNonce(long newNonce) {
    return new PowHeader(version, previousHash, merkleRoot, time, bits, newNonce);
  }

  public byte[] encode() {
    byte[] out = new byte[SIZE];
    putLittleEndian(out, 0, version);
    System.arraycopy(previousHash, 0, out, 4, 32);
    System.arraycopy(merkleRoot, 0, out, 36, 32);
    putLittleEndian(out, 68, time);
    putLittleEndian(out, 72, bits);
    putLittleEndian(out, 76, nonce);
    return out;
  }

  public static PowHeader decode(byte[] bytes) {
    return decode(bytes, 0);
  }

  /** Reads the 80 bytes at {@code offset}. */
  public static PowHeader decode(byte[] bytes, int offset) {
    if (bytes.length - offset < SIZE) {
      throw new DecodingException("a proof-of-work header has 80 bytes");
    }
    return new PowHeader(
        (int) littleEndian(bytes, offset),
        Arrays.copyOfRange(bytes, offset + 4, offset + 36),
        Arrays.copyOfRange(bytes, offset + 36, offset + 68),
        littleEndian(bytes, offset + 68),
        (int) littleEndian(bytes, offset + 72),
        littleEndian(bytes, offset + 76));
  }

  /** Double SHA-256 of the 80 bytes: the block's proof-of-work hash. */
  public byte[] hash() {
    return DoubleSha256.hash(encode());
  }

  static void putLittleEndian(byte[] out, int offset, long value) {
    out[offset] = (byte) value;
    out[offset + 1] = (byte) (value >>> 8);
    out[offset + 2] = (byte) (value >>> 16);
    out[offset + 3] = (byte) (value >>> 24);
  }

  static long littleEndian(byte[] in, int offset) {
    return (in[offset] & 0xFFL)
        | (in[offset + 1] & 0xFFL) << 8
        | (in[offset + 2] & 0xFFL) << 16
        | (in[offset + 3] & 0xFFL) << 24;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PowHeader h && Arrays.equals(encode(), h.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "PowHeader["
        + DoubleSha256.displayHex(hash())
        + " bits="
        + Integer.toHexString(bits)
        + "]";
  }
}

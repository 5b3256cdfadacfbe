package io.consensio.pow.header;

import io.consensio.api.codec.DecodingException;

/**
 * A Consensio block's proof-of-work seal: the complete 80-byte Bitcoin header followed by the
 * 8-byte big-endian extra nonce (88 bytes, nothing else is accepted).
 *
 * <p>Why the whole header rather than only nonce and bits: with the header in the seal, a block's
 * PoW hash is {@code double-SHA-256(seal[0..80])}, computable from the block alone, and a header
 * announcement is self-validating before the block is fetched. The fields that could be derived are
 * checked, not trusted: the previous hash must equal the parent's PoW hash, the Merkle-root field
 * must equal {@link BlockCommitment#of(io.consensio.api.types.Hash, long)} of the block id and
 * extra nonce, and the time must be the block timestamp in seconds (see {@code SealValidator}).
 * Immutable and thread-safe.
 */
public record PowSeal(PowHeader header, long extraNonce) {
  public static final int SIZE = PowHeader.SIZE + 8;

  public byte[] encode() {
    byte[] out = new byte[SIZE];
    System.arraycopy(header.encode(), 0, out, 0, PowHeader.SIZE);
    for (int i = 0; i < 8; i++) {
      out[PowHeader.SIZE + i] = (byte) (extraNonce >>> (56 - 8 * i));
    }
    return out;
  }

  /** Strict: exactly 88 bytes. */
  public static PowSeal decode(byte[] seal) {
    if (seal.length != SIZE) {
      throw new DecodingException(
          "a proof-of-work seal has " + SIZE + " bytes, got " + seal.length);
    }
    long extraNonce = 0;
    for (int i = 0; i < 8; i++) {
      extraNonce = (extraNonce << 8) | (seal[PowHeader.SIZE + i] & 0xFF);
    }
    return new PowSeal(PowHeader.decode(seal, 0), extraNonce);
  }

  /** The block's proof-of-work hash. */
  public byte[] powHash() {
    return header.hash();
  }
}

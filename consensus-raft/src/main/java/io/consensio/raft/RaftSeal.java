package io.consensio.raft;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;

/**
 * The seal of a Raft block: the term and log index of the entry that carries it. In Raft the proof
 * that a block is agreed is its commitment in the log, not something verifiable from the block
 * alone (Raft tolerates crashes, not lies), so the seal only records where the block sits in the
 * log; {@link RaftEngine#checkSeal} checks its format.
 */
public record RaftSeal(long term, long index) {
  public static final int ENCODED_BYTES = 16;

  public byte[] encode() {
    return new CanonicalWriter(ENCODED_BYTES).writeLong(term).writeLong(index).toByteArray();
  }

  /** The verdict on {@code block}'s seal: valid when it decodes (see {@link #decode}). */
  public static SealVerdict check(Block block) {
    try {
      decode(block.header().seal());
      return SealVerdict.VALID;
    } catch (DecodingException e) {
      return SealVerdict.reject("bad-raft-seal: " + e.getMessage());
    }
  }

  /** Decodes a seal strictly: exactly two longs, both positive. */
  public static RaftSeal decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long term = r.readLong();
    long index = r.readLong();
    r.finish();
    if (term <= 0) {
      throw new DecodingException("seal term must be positive, got " + term);
    }
    if (index <= 0) {
      throw new DecodingException("seal index must be positive, got " + index);
    }
    return new RaftSeal(term, index);
  }
}

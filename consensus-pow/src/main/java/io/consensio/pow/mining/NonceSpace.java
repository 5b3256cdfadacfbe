package io.consensio.pow.mining;

import io.consensio.pow.header.PowHeader;

/**
 * Hands out the nonce ranges of one block template, chunk by chunk, and rolls the extra nonce when
 * the header's 32-bit nonce field is used up (Bitcoin miners do the same with the coinbase's
 * extra-nonce: a new extra nonce changes the Merkle-root field and so opens a fresh 2^32 nonces for
 * the same block). Ranges never straddle the end of the 32-bit space, so every range is searched on
 * one header. Event-loop only.
 */
public final class NonceSpace {
  /**
   * One compute task's share of the search.
   *
   * @param extraNonce the extra nonce the header of this range commits to
   * @param firstNonce the first 32-bit nonce to try
   * @param count how many consecutive nonces to try
   */
  public record Range(long extraNonce, long firstNonce, long count) {}

  private final long chunkNonces;
  private long extraNonce;
  private long nextNonce;

  public NonceSpace(long chunkNonces) {
    if (chunkNonces < 1) {
      throw new IllegalArgumentException("chunks need at least one nonce");
    }
    this.chunkNonces = chunkNonces;
  }

  /** The next range; the first of a new extra nonce once the previous one's 2^32 are handed out. */
  public Range next() {
    if (nextNonce > PowHeader.MAX_UINT32) {
      extraNonce++;
      nextNonce = 0;
    }
    long count = Math.min(chunkNonces, PowHeader.MAX_UINT32 - nextNonce + 1);
    Range range = new Range(extraNonce, nextNonce, count);
    nextNonce += count;
    return range;
  }

  /** The extra nonce of the range handed out last (0 before the first). */
  public long extraNonce() {
    return extraNonce;
  }
}

package io.consensio.pow.mining;

import io.consensio.pow.header.DoubleSha256;
import io.consensio.pow.header.MidstateHasher;
import io.consensio.pow.header.PowHeader;
import java.util.concurrent.Callable;

/**
 * One compute task: tries {@code count} consecutive nonces from {@code firstNonce} on a header
 * template and stops at the first whose double SHA-256 is at most the target (Nakamoto 2008, §4:
 * "incrementing a nonce in the block until a value is found that gives the block's hash the
 * required zero bits"). Self-contained and deterministic, as {@code Compute} requires: it reads
 * only its own copies of the inputs, so it may run on any thread.
 */
public final class NonceSearch implements Callable<NonceSearch.Result> {
  /**
   * @param found whether a nonce met the target
   * @param nonce the winning nonce when found
   * @param tried nonces hashed
   */
  public record Result(boolean found, long nonce, long tried) {}

  private final byte[] header;
  private final long firstNonce;
  private final long count;
  private final byte[] targetLittleEndian;

  public NonceSearch(byte[] header, long firstNonce, long count, byte[] targetLittleEndian) {
    if (header.length != PowHeader.SIZE || targetLittleEndian.length != 32) {
      throw new IllegalArgumentException("need an 80-byte header and a 32-byte target");
    }
    if (firstNonce < 0 || count < 1 || firstNonce + count - 1 > PowHeader.MAX_UINT32) {
      throw new IllegalArgumentException("nonce range must lie within 0..2^32-1");
    }
    this.header = header.clone();
    this.firstNonce = firstNonce;
    this.count = count;
    this.targetLittleEndian = targetLittleEndian.clone();
  }

  @Override
  public Result call() {
    MidstateHasher hasher = new MidstateHasher(header);
    byte[] hash = new byte[32];
    for (long i = 0; i < count; i++) {
      long nonce = firstNonce + i;
      hasher.hash(nonce, hash);
      if (DoubleSha256.atMost(hash, targetLittleEndian)) {
        return new Result(true, nonce, i + 1);
      }
    }
    return new Result(false, -1, count);
  }
}

package io.consensio.runtime.mempool;

/**
 * Bounds of the mempool.
 *
 * @param maxTransactions most transactions held at once; beyond it the eviction rule applies
 * @param maxBytes most encoded bytes held at once
 * @param maxNonceGap how far ahead of the sender's next nonce a transaction may be and still be
 *     held
 * @param seenCacheSize how many recently seen transaction ids are remembered so gossip stops
 */
public record MempoolConfig(
    int maxTransactions, long maxBytes, int maxNonceGap, int seenCacheSize) {
  public static final MempoolConfig DEFAULTS = new MempoolConfig(50_000, 64L << 20, 64, 200_000);

  public MempoolConfig {
    if (maxTransactions < 1 || maxBytes < 1 || maxNonceGap < 0 || seenCacheSize < 1) {
      throw new IllegalArgumentException("mempool bounds must be positive");
    }
  }
}

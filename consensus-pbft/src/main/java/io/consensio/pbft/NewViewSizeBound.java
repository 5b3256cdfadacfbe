package io.consensio.pbft;

/**
 * A conservative upper bound on the encoded size of a NEW-VIEW, the largest PBFT message (OSDI'99
 * §4.4). In this engine every pre-prepare carries its whole block, so a VIEW-CHANGE carries up to
 * watermarkWindow (L) prepared certificates, each with a block of up to maxBatchBytes and 2f signed
 * PREPAREs, and a NEW-VIEW carries 2f+1 of those plus O, one more pre-prepare with its block per
 * sequence number. That is about (2f+2) × L × maxBatchBytes. A message above the transport's frame
 * limit is dropped by the transport, so a view change that needs it can never complete; {@link
 * PbftConfig#parse} therefore rejects settings whose bound exceeds the frame limit. Stateless.
 */
final class NewViewSizeBound {
  /** The transport's default maximum frame (runtime {@code TransportConfig}): 16 MiB. */
  static final long FRAME_LIMIT_BYTES = 16L * 1024 * 1024;

  /**
   * Bounds one signed small message (PREPARE, CHECKPOINT, the envelope of a larger one): type tag,
   * two longs, two hashes, a sender id of at most 64 characters with its length and a 64-byte
   * signature come to under 256 bytes.
   */
  static final long SIGNED_SMALL_BYTES = 256;

  /**
   * Bounds what a block adds to its transactions' bytes: header, transaction-list length, and the
   * list lengths of the proof or entry that holds it.
   */
  static final long BLOCK_OVERHEAD_BYTES = 1024;

  private NewViewSizeBound() {}

  /** Worst-case encoded bytes of a NEW-VIEW for the given settings. */
  static long worstCaseBytes(int f, int watermarkWindow, long maxBatchBytes) {
    long quorum = 2L * f + 1;
    long block = maxBatchBytes + BLOCK_OVERHEAD_BYTES;
    long preparedProof = SIGNED_SMALL_BYTES + block + 2L * f * SIGNED_SMALL_BYTES;
    long viewChange =
        SIGNED_SMALL_BYTES + quorum * SIGNED_SMALL_BYTES + watermarkWindow * preparedProof;
    long o = watermarkWindow * (SIGNED_SMALL_BYTES + block);
    return SIGNED_SMALL_BYTES + quorum * viewChange + o;
  }

  /**
   * The largest maxBatchBytes, a whole number of KiB, whose NEW-VIEW bound fits the frame limit;
   * zero when not even an empty block fits.
   */
  static long largestFittingBatchBytes(int f, int watermarkWindow) {
    long fixed = worstCaseBytes(f, watermarkWindow, 0);
    if (fixed >= FRAME_LIMIT_BYTES) {
      return 0;
    }
    // Each byte of maxBatchBytes appears once per VIEW-CHANGE in V and once in O.
    long perByte = (2L * f + 2) * watermarkWindow;
    long largest = (FRAME_LIMIT_BYTES - fixed) / perByte;
    return largest / 1024 * 1024;
  }
}

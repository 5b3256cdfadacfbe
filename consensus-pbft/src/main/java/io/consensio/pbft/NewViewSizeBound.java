package io.consensio.pbft;

/**
 * A conservative upper bound on the encoded size of a NEW-VIEW, the largest PBFT message (OSDI'99
 * §4.4). VIEW-CHANGE and NEW-VIEW carry pre-prepares without their blocks (TOCS'02 §4.4): a
 * VIEW-CHANGE holds its checkpoint proof (2f+1 signed CHECKPOINTs) and up to watermarkWindow (L)
 * prepared certificates, each a block header and 2f signed PREPAREs; a NEW-VIEW holds 2f+1 of those
 * plus O, one header per sequence number. That is about (2f+1) × L × 2f signed PREPAREs, whatever
 * the block size. A message above the transport's frame limit is dropped by the transport, so a
 * view change that needs it can never complete; {@link PbftConfig#parse} therefore rejects an f and
 * L whose bound exceeds the frame limit. Stateless.
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
   * Bounds an unsealed block header with the list length that precedes it: height, timestamp, four
   * hashes and keys with their lengths, and an empty seal come to under 256 bytes. Headers with a
   * seal are invalid in a certificate or in O.
   */
  static final long HEADER_BYTES = 256;

  private NewViewSizeBound() {}

  /** Worst-case encoded bytes of a NEW-VIEW for the given f and L. */
  static long worstCaseBytes(int f, int watermarkWindow) {
    long quorum = 2L * f + 1;
    long preparedProof = SIGNED_SMALL_BYTES + HEADER_BYTES + 2L * f * SIGNED_SMALL_BYTES;
    long viewChange =
        SIGNED_SMALL_BYTES + quorum * SIGNED_SMALL_BYTES + watermarkWindow * preparedProof;
    long o = watermarkWindow * HEADER_BYTES;
    return SIGNED_SMALL_BYTES + quorum * viewChange + o;
  }

  /** The largest L whose NEW-VIEW bound fits the frame limit for f; zero if none does. */
  static int largestFittingWindow(int f) {
    long fixed = worstCaseBytes(f, 0);
    long perSeq = worstCaseBytes(f, 1) - fixed;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (FRAME_LIMIT_BYTES - fixed) / perSeq));
  }
}

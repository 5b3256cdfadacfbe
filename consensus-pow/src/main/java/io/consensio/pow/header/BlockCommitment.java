package io.consensio.pow.header;

import io.consensio.api.types.Hash;

/**
 * What the PoW header's Merkle-root field holds in Consensio: double SHA-256 of the block id
 * followed by the 8-byte big-endian extra nonce.
 *
 * <p>The Consensio block id already commits to the parent, height, transaction root, state root,
 * timestamp and proposer (everything but the seal), so committing to it commits the proof of work
 * to the whole block, as Bitcoin's Merkle root commits to its transactions. The extra nonce plays
 * the part of Bitcoin's coinbase extra-nonce: when the 32-bit header nonce is exhausted, bumping it
 * changes this field and so gives a fresh nonce space for the same block.
 */
public final class BlockCommitment {
  private BlockCommitment() {}

  public static byte[] of(Hash blockId, long extraNonce) {
    byte[] input = new byte[Hash.SIZE + 8];
    System.arraycopy(blockId.toBytes(), 0, input, 0, Hash.SIZE);
    for (int i = 0; i < 8; i++) {
      input[Hash.SIZE + i] = (byte) (extraNonce >>> (56 - 8 * i));
    }
    return DoubleSha256.hash(input);
  }
}

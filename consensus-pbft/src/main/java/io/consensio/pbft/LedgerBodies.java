package io.consensio.pbft;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pbft.ReplicaStore.PrePrepareRef;
import io.consensio.pbft.messages.PrePrepare;
import java.util.Optional;

/**
 * Puts blocks back into the pre-prepares and prepared certificates a {@link ReplicaStore} keeps
 * without them: the body of ⟨v, n, d⟩ is the ledger's block d, which the replica imported before it
 * accepted or sent the pre-prepare, so each block is stored once (by the ledger) rather than also
 * in the PBFT log (TOCS'02 §4.4 likewise keeps requests apart from the protocol messages naming
 * them). Not thread-safe; runs on the event loop.
 */
final class LedgerBodies {
  private static final byte[] NO_SEAL = new byte[0];

  private final ChainStore chain;

  LedgerBodies(ChainStore chain) {
    this.chain = chain;
  }

  /**
   * The block d as a pre-prepare carries it: unsealed (an executed block holds its commit
   * certificate in the ledger, which is not part of d). Empty when the ledger lacks it or its
   * height is not {@code seq}.
   */
  Optional<Block> proposal(long seq, Hash digest) {
    return chain
        .block(digest)
        .filter(b -> b.id().equals(digest) && b.height() == seq)
        .map(b -> b.header().sealLength() == 0 ? b : b.withSeal(NO_SEAL));
  }

  Optional<PrePrepare> prePrepare(PrePrepareRef ref) {
    return proposal(ref.seq(), ref.digest())
        .map(block -> new PrePrepare(ref.view(), ref.seq(), ref.digest(), block));
  }
}

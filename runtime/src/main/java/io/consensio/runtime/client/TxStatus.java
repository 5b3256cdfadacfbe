package io.consensio.runtime.client;

import io.consensio.api.types.Hash;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a known transaction stands.
 *
 * @param state pending in the mempool, committed on the canonical chain, or final
 * @param height the block height, once committed
 * @param blockId the block, once committed
 * @param index the position in the block, once committed
 * @param confirmations blocks from the transaction's block to the head, both counted; 0 while
 *     pending
 * @param certifiedBy for engines with certified finality (PBFT), the replicas whose signatures in
 *     the final block's certificate verify, as this node reports them; empty otherwise
 * @param repliesNeeded for such engines, the matching replies from distinct replicas a client needs
 *     before it treats the result as final (f+1); see {@link QuorumClient}
 */
public record TxStatus(
    Hash id,
    State state,
    OptionalLong height,
    Optional<Hash> blockId,
    OptionalInt index,
    long confirmations,
    List<String> certifiedBy,
    OptionalInt repliesNeeded) {
  public TxStatus {
    certifiedBy = List.copyOf(certifiedBy);
  }

  /** A status without certified-finality fields. */
  public TxStatus(
      Hash id,
      State state,
      OptionalLong height,
      Optional<Hash> blockId,
      OptionalInt index,
      long confirmations) {
    this(id, state, height, blockId, index, confirmations, List.of(), OptionalInt.empty());
  }

  public enum State {
    PENDING,
    COMMITTED,
    FINAL
  }

  public boolean isFinal() {
    return state == State.FINAL;
  }
}

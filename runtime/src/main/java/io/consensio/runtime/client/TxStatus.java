package io.consensio.runtime.client;

import io.consensio.api.types.Hash;
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
 */
public record TxStatus(
    Hash id,
    State state,
    OptionalLong height,
    Optional<Hash> blockId,
    OptionalInt index,
    long confirmations) {
  public enum State {
    PENDING,
    COMMITTED,
    FINAL
  }

  public boolean isFinal() {
    return state == State.FINAL;
  }
}

package io.consensio.api.ledger;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * The ledger as an engine sees it: a tree of validated blocks rooted at genesis, a canonical head
 * chosen by the engine, and a finalized prefix that never reverts.
 *
 * <p>Nakamoto-style engines (PoW, PoS, DPoS) import competing blocks and move the head with their
 * fork-choice rule; {@link #setHead} reverts and re-applies state along the way and returns the
 * transactions of abandoned blocks to the mempool. BFT engines (PBFT, Raft) import and finalize one
 * agreed block at a time with {@link #commit}.
 *
 * <p>Threading: called only from the node's event-loop thread. Determinism: every answer depends
 * only on the blocks imported and the calls made, never on time or thread scheduling (the one
 * exception is the future-timestamp limit, which reads the context's {@code Scheduler}).
 */
public interface ChainStore {
  Block genesis();

  /** The canonical head chosen by the engine. */
  Block head();

  /** The highest final block (genesis until the engine finalizes something). */
  Block finalizedHead();

  Optional<Block> block(Hash id);

  boolean contains(Hash id);

  /**
   * The canonical block at {@code height}, if the canonical chain reaches it and it is not pruned.
   */
  Optional<Block> canonicalAt(long height);

  /** True when {@code id} is on the canonical chain. */
  boolean isCanonical(Hash id);

  /**
   * The state after block {@code id}; empty when unknown or pruned (states of old final blocks
   * are).
   */
  Optional<LedgerState> stateAt(Hash id);

  LedgerState headState();

  /**
   * Cuts an unsealed block on top of {@code parent}: executes {@code candidates} in order against
   * the parent's state, leaves out those that are no longer valid there, and fills in txRoot and
   * stateRoot. The caller adds its seal with {@link Block#withSeal} and imports the result.
   */
  Block buildBlock(
      Hash parent, List<Transaction> candidates, long timestampMillis, PublicKey proposer);

  /**
   * Validates a block and adds it to the tree: parent known, height and timestamp consistent with
   * it, Merkle root, every transaction valid in sequence against the parent's state, state root,
   * and finally the engine's seal check. Does not move the head.
   *
   * <p>A block whose id is already known but which carries a different seal that passes the seal
   * check replaces the stored seal and returns {@code ALREADY_KNOWN}: a BFT engine imports a
   * proposal with its proposal seal, and later the same block with its commit certificate.
   */
  ImportResult importBlock(Block block);

  /**
   * Makes {@code id} (already imported) the canonical head; a reorg when it does not extend the
   * current head. Throws {@link IllegalArgumentException} if the block is unknown or does not
   * descend from the finalized head: a final block never reverts.
   */
  void setHead(Hash id);

  /**
   * Marks {@code id}, which must be on the canonical chain, and all its ancestors final, and makes
   * them durable (synced) before returning. Finality only moves forward.
   */
  void markFinal(Hash id);

  /** Import, make canonical and finalize in one step: what BFT engines do with an agreed block. */
  default ImportResult commit(Block block) {
    ImportResult result = importBlock(block);
    if (result.isAccepted()) {
      setHead(block.id());
      markFinal(block.id());
    }
    return result;
  }

  /** Finds a transaction on the canonical chain. */
  Optional<TxLocation> findTransaction(Hash txId);

  /** The serialized ledger state after block {@code id}, for snapshots and state transfer. */
  byte[] exportState(Hash id);

  /**
   * Replaces this node's ledger with a snapshot taken elsewhere: {@code block} becomes genesis-like
   * base, canonical head and finalized head, with {@code state} as its state. Refused (with {@link
   * IllegalArgumentException}) unless the state hashes to {@code block}'s state root and the block
   * extends beyond the local finalized head. Blocks below it are not kept.
   */
  void installSnapshot(Block block, byte[] state);
}

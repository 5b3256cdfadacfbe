package io.consensio.runtime.ledger;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.runtime.state.BlockExecutor;
import io.consensio.runtime.state.PersistentLedgerState;
import io.consensio.runtime.state.StateCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rebuilds a {@link ChainStoreImpl} from its store after a restart. Trusts nothing it reads: every
 * block must link to a stored parent one height below, every block is re-executed and must reach
 * the state root it commits to, and the stored canonical index must match the chain walked back
 * from the stored head. Any mismatch is an {@link IllegalStateException}: a node must not run on a
 * ledger it cannot vouch for.
 *
 * <p>Seals and signatures are not checked again: they were checked before the blocks were stored.
 */
final class ChainReloader {
  private final ChainStoreImpl chain;
  private final ChainPersistence persistence;

  ChainReloader(ChainStoreImpl chain) {
    this.chain = chain;
    this.persistence = chain.persistence();
  }

  void reload() {
    Hash storedGenesis =
        persistence
            .genesisId()
            .orElseThrow(() -> new IllegalStateException("the store holds no ledger"));
    if (!storedGenesis.equals(chain.genesis().id())) {
      throw new IllegalStateException(
          "the store holds the ledger of genesis "
              + storedGenesis
              + ", not "
              + chain.genesis().id());
    }
    restoreSnapshot();
    Block base = chain.base();
    List<Block> stored = persistence.blocksByHeight();
    Map<Hash, Block> blocks = new HashMap<>();
    blocks.put(base.id(), base);
    for (Block block : stored) {
      blocks.put(block.id(), block);
    }
    Block finalized = find(blocks, persistence.finalized().orElse(base.id()), "finalized head");
    Block head = find(blocks, persistence.head().orElse(base.id()), "head");
    Map<Hash, PersistentLedgerState> states = replay(base, stored, blocks, finalized.height());
    List<Block> path = canonicalPath(blocks, base, head);
    checkStoredIndex(base, path);
    if (finalized.height() > head.height()
        || !(finalized.equals(base) || path.contains(finalized))) {
      throw new IllegalStateException("stored finalized head " + finalized + " is not canonical");
    }
    blocks.remove(base.id());
    states.remove(base.id());
    chain.restoreTree(blocks, states, path, finalized);
  }

  private void restoreSnapshot() {
    Optional<Block> snapshot = persistence.snapshotBlock();
    if (snapshot.isEmpty()) {
      return;
    }
    Block block = snapshot.get();
    byte[] bytes =
        persistence
            .snapshotState()
            .orElseThrow(
                () -> new IllegalStateException("snapshot block stored without its state"));
    PersistentLedgerState state;
    try {
      state = StateCodec.decode(bytes, block.id(), block.height());
    } catch (DecodingException e) {
      throw new IllegalStateException("stored snapshot state is corrupt: " + e.getMessage(), e);
    }
    if (!state.stateRoot().equals(block.header().stateRoot())) {
      throw new IllegalStateException("stored snapshot state does not match its block");
    }
    chain.restoreBase(block, state);
  }

  /**
   * Re-executes the stored blocks in height order. A state is dropped as soon as no later block can
   * need it as a parent and it lies below the finalized height (it would be pruned anyway), so a
   * long chain does not hold every historical state at once. Blocks of forks abandoned below
   * finality whose parent state is already gone are kept without a state, as the live ledger does.
   */
  private Map<Hash, PersistentLedgerState> replay(
      Block base, List<Block> stored, Map<Hash, Block> blocks, long finalizedHeight) {
    BlockExecutor executor = chain.executor();
    Map<Hash, PersistentLedgerState> states = new HashMap<>();
    states.put(base.id(), chain.baseState());
    TreeMap<Long, List<Hash>> byHeight = new TreeMap<>();
    byHeight.computeIfAbsent(base.height(), h -> new ArrayList<>()).add(base.id());
    for (Block block : stored) {
      if (block.id().equals(base.id())) {
        continue;
      }
      Block parent = blocks.get(block.parent());
      if (parent == null || parent.height() >= block.height()) {
        throw new IllegalStateException("stored block " + block + " has no stored parent");
      }
      if (block.height() != parent.height() + 1) {
        throw new IllegalStateException("stored block " + block + " has a bad height");
      }
      dropUnneeded(states, byHeight, Math.min(block.height() - 1, finalizedHeight));
      PersistentLedgerState parentState = states.get(parent.id());
      if (parentState == null) {
        continue;
      }
      BlockExecutor.Outcome outcome = executor.execute(parentState, block);
      if (!outcome.isValid()) {
        throw new IllegalStateException(
            "stored block " + block + " does not execute: " + outcome.reason());
      }
      if (!outcome.state().stateRoot().equals(block.header().stateRoot())) {
        throw new IllegalStateException("stored block " + block + " has a wrong state root");
      }
      states.put(block.id(), outcome.state());
      byHeight.computeIfAbsent(block.height(), h -> new ArrayList<>()).add(block.id());
    }
    return states;
  }

  /** Drops the states of blocks below {@code height}. */
  private static void dropUnneeded(
      Map<Hash, PersistentLedgerState> states, TreeMap<Long, List<Hash>> byHeight, long height) {
    while (!byHeight.isEmpty() && byHeight.firstKey() < height) {
      for (Hash id : byHeight.pollFirstEntry().getValue()) {
        states.remove(id);
      }
    }
  }

  /** The canonical chain from just above the base up to {@code head}, oldest first. */
  private static List<Block> canonicalPath(Map<Hash, Block> blocks, Block base, Block head) {
    List<Block> path = new ArrayList<>();
    Block cursor = head;
    while (!cursor.id().equals(base.id())) {
      path.add(cursor);
      cursor = blocks.get(cursor.parent());
      if (cursor == null) {
        throw new IllegalStateException("stored head " + head + " does not descend from the base");
      }
    }
    Collections.reverse(path);
    return path;
  }

  private void checkStoredIndex(Block base, List<Block> path) {
    TreeMap<Long, Hash> index = persistence.canonicalIndex();
    index.remove(base.height());
    if (index.size() != path.size()) {
      throw new IllegalStateException(
          "stored canonical index has "
              + index.size()
              + " entries, the head is "
              + path.size()
              + " blocks above the base");
    }
    for (Block block : path) {
      if (!block.id().equals(index.get(block.height()))) {
        throw new IllegalStateException(
            "stored canonical index disagrees with the head at height " + block.height());
      }
    }
  }

  private static Block find(Map<Hash, Block> blocks, Hash id, String what) {
    Block block = blocks.get(id);
    if (block == null) {
      throw new IllegalStateException("stored " + what + " " + id + " is not a stored block");
    }
    return block;
  }
}

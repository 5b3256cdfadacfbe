package io.consensio.pos.chain;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pos.seal.SealVerifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link BlockInfo} of every block from the finalized root up, kept in memory and derived on
 * demand: a block imported while this node ran has its info recorded by the seal check; after a
 * restart the ledger reloads its blocks without seal checks, and their infos are re-derived here
 * from the root (the persisted info of the finalized block) forward, using the ledger states the
 * ledger keeps for every block above finality.
 *
 * <p>Memory is bounded by the blocks above the finalized one: {@link #prune} drops the infos of
 * everything below it and of forks that can no longer become canonical. Event-loop thread only.
 */
public final class ChainView {
  private final ChainStore chain;
  private final SealVerifier verifier;
  private final Map<Hash, BlockInfo> infos = new HashMap<>();
  private BlockInfo root;

  public ChainView(ChainStore chain, SealVerifier verifier, BlockInfo root) {
    this.chain = chain;
    this.verifier = verifier;
    this.root = root;
    infos.put(root.id(), root);
  }

  public BlockInfo root() {
    return root;
  }

  public void remember(BlockInfo info) {
    if (info.height() > root.height()) {
      infos.put(info.id(), info);
    }
  }

  /** True when the info of {@code id} is in memory (it descends from the root). */
  public boolean isKnown(Hash id) {
    return infos.containsKey(id);
  }

  public int size() {
    return infos.size();
  }

  /** The block's info, derived from the nearest known ancestor if needed; empty if it cannot be. */
  public Optional<BlockInfo> info(Hash id) {
    BlockInfo cached = infos.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Deque<Block> path = new ArrayDeque<>();
    Hash cursor = id;
    while (!infos.containsKey(cursor)) {
      Optional<Block> block = chain.block(cursor);
      if (block.isEmpty() || block.get().height() <= root.height()) {
        return Optional.empty();
      }
      path.push(block.get());
      cursor = block.get().parent();
    }
    BlockInfo parent = infos.get(cursor);
    while (!path.isEmpty()) {
      Block block = path.pop();
      Optional<LedgerState> parentState = chain.stateAt(block.parent());
      if (parentState.isEmpty()) {
        return Optional.empty();
      }
      Optional<BlockInfo> derived = verifier.rederive(block, parent, parentState.get());
      if (derived.isEmpty()) {
        return Optional.empty();
      }
      parent = derived.get();
      infos.put(parent.id(), parent);
    }
    return Optional.of(parent);
  }

  /** True when {@code ancestor} is {@code descendant} or one of its ancestors. */
  public boolean isAncestorOrSelf(Hash ancestor, Hash descendant) {
    Optional<BlockInfo> top = info(ancestor);
    Optional<BlockInfo> cursor = info(descendant);
    if (top.isEmpty() || cursor.isEmpty()) {
      return false;
    }
    while (cursor.isPresent() && cursor.get().height() > top.get().height()) {
      cursor = info(cursor.get().parent());
    }
    return cursor.isPresent() && cursor.get().id().equals(ancestor);
  }

  /**
   * The last block before {@code slot} on the chain ending at {@code tip}: the checkpoint of the
   * epoch starting at {@code slot}. Never goes below the root (whose slot any caller's is above).
   */
  public Optional<BlockInfo> lastBefore(Hash tip, long slot) {
    Optional<BlockInfo> cursor = info(tip);
    while (cursor.isPresent() && cursor.get().slot() >= slot) {
      if (cursor.get().id().equals(root.id())) {
        return Optional.empty();
      }
      cursor = info(cursor.get().parent());
    }
    return cursor;
  }

  /**
   * Makes {@code newRoot} (a finalized block) the root and forgets every info that no longer
   * matters: below it, or on a fork that does not descend from it.
   */
  public void prune(BlockInfo newRoot) {
    if (newRoot.height() <= root.height()) {
      return;
    }
    root = newRoot;
    infos.put(newRoot.id(), newRoot);
    Map<Hash, Boolean> descends = new HashMap<>();
    descends.put(newRoot.id(), true);
    for (Iterator<BlockInfo> it = infos.values().iterator(); it.hasNext(); ) {
      BlockInfo info = it.next();
      if (info.height() < newRoot.height() || !descendsFromRoot(info, descends)) {
        it.remove();
      }
    }
  }

  private boolean descendsFromRoot(BlockInfo info, Map<Hash, Boolean> memo) {
    Deque<Hash> walked = new ArrayDeque<>();
    BlockInfo cursor = info;
    Boolean answer = null;
    while (answer == null) {
      answer = memo.get(cursor.id());
      if (answer != null) {
        break;
      }
      walked.push(cursor.id());
      if (cursor.height() <= root.height()) {
        answer = false;
        break;
      }
      BlockInfo parent = infos.get(cursor.parent());
      if (parent == null) {
        answer = false;
        break;
      }
      cursor = parent;
    }
    for (Hash id : walked) {
      memo.put(id, answer);
    }
    return answer;
  }
}

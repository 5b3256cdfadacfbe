package io.consensio.runtime.ledger;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory part of the canonical chain, by height, with an index of the transactions it holds:
 * from the lowest block not yet evicted up to the head. A head change pops the abandoned blocks off
 * the top and pushes the new branch, so the index is updated in proportion to the reorg, never
 * rebuilt. Old final blocks are evicted from the bottom ({@link #evictBelow}) so memory does not
 * grow with the chain; {@link ChainStoreImpl} reads those from its store. Not thread-safe: owned by
 * {@link ChainStoreImpl} on the event loop.
 */
final class CanonicalChain {
  /** Where a transaction sits: block, height and position in the block. */
  record TxSlot(Hash blockId, long height, int index) {}

  private final List<Block> chain = new ArrayList<>();
  private final Map<Hash, TxSlot> transactions = new HashMap<>();

  /** Height of {@code chain.get(0)}: the base block at first, later the lowest not evicted. */
  private long baseHeight;

  /** Forgets everything and starts again from {@code base}. */
  void reset(Block base) {
    chain.clear();
    transactions.clear();
    baseHeight = base.height();
    chain.add(base);
    index(base);
  }

  Block tip() {
    return chain.get(chain.size() - 1);
  }

  Optional<Block> at(long height) {
    if (height < baseHeight || height - baseHeight >= chain.size()) {
      return Optional.empty();
    }
    return Optional.of(chain.get((int) (height - baseHeight)));
  }

  boolean contains(Block block) {
    return at(block.height()).map(b -> b.id().equals(block.id())).orElse(false);
  }

  /** Swaps in {@code block} for the canonical block with its id (same content, newer seal). */
  void replace(Block block) {
    if (contains(block)) {
      chain.set((int) (block.height() - baseHeight), block);
    }
  }

  /** Removes the tip (never the base) and its transactions from the index. */
  void pop() {
    if (chain.size() == 1) {
      throw new IllegalStateException("the base block cannot leave the canonical chain");
    }
    Block tip = chain.remove(chain.size() - 1);
    for (Transaction tx : tip.transactions()) {
      transactions.remove(tx.id());
    }
  }

  /** Appends {@code block}, which must be a child of the tip. */
  void push(Block block) {
    if (!block.parent().equals(tip().id())) {
      throw new IllegalStateException(block + " does not extend the canonical tip " + tip());
    }
    chain.add(block);
    index(block);
  }

  /**
   * Forgets the blocks below {@code height} and their transactions (never the tip). They must be
   * final and stored: the caller reads them from its store from then on.
   */
  void evictBelow(long height) {
    int count = (int) Math.min(height - baseHeight, chain.size() - 1L);
    if (count <= 0) {
      return;
    }
    List<Block> evicted = chain.subList(0, count);
    for (Block block : evicted) {
      for (Transaction tx : block.transactions()) {
        transactions.remove(tx.id());
      }
    }
    evicted.clear();
    baseHeight += count;
  }

  /** Height of the lowest block still held in memory. */
  long lowestHeight() {
    return baseHeight;
  }

  Optional<TxSlot> find(Hash txId) {
    return Optional.ofNullable(transactions.get(txId));
  }

  private void index(Block block) {
    List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      transactions.put(txs.get(i).id(), new TxSlot(block.id(), block.height(), i));
    }
  }
}

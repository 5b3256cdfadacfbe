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
 * The canonical chain from the base block (genesis or an installed snapshot) to the head, by
 * height, with an index of the transactions it holds. A head change pops the abandoned blocks off
 * the top and pushes the new branch, so the index is updated in proportion to the reorg, never
 * rebuilt. Not thread-safe: owned by {@link ChainStoreImpl} on the event loop.
 */
final class CanonicalChain {
  /** Where a transaction sits: block, height and position in the block. */
  record TxSlot(Hash blockId, long height, int index) {}

  private final List<Block> chain = new ArrayList<>();
  private final Map<Hash, TxSlot> transactions = new HashMap<>();
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

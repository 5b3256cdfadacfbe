package io.consensio.raft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The leader's block cutter: turns mempool transactions into block entries (the client requests of
 * paper §5.3). Each block extends the block of the previous block entry, whether or not that one is
 * committed yet, so blocks can be pipelined; the seal records the entry's term and index.
 *
 * <p>It remembers which transactions each uncommitted block of this leadership holds, so that on
 * losing leadership they go back to the mempool ({@code requeue}): the new leader may overwrite
 * those entries. Not thread-safe; event loop only.
 */
final class BlockProposer {
  private final ConsensusContext context;
  private final RaftConfig config;
  private final TreeMap<Long, List<Transaction>> uncommitted = new TreeMap<>();

  BlockProposer(ConsensusContext context, RaftConfig config) {
    this.context = context;
    this.config = config;
  }

  /**
   * Cuts blocks while transactions are ready and fewer than {@code maxInflightAppends} entries are
   * uncommitted; each goes to {@code append}, which makes it durable and replicates it.
   */
  void cutBlocks(RaftLog log, long term, long commitIndex, Consumer<LogEntry> append) {
    while (context.mempool().readyCount() > 0
        && log.lastIndex() - commitIndex < config.maxInflightAppends()) {
      Hash parentId = log.lastBlockIdAtOrBefore(log.lastIndex(), context.chain().genesis().id());
      Block parent = context.chain().block(parentId).orElse(null);
      if (parent == null) {
        context.metrics().increment("raft.propose.failed", "reason", "parent-missing");
        return;
      }
      List<Transaction> taken =
          context.mempool().takeBatch(config.maxBatchTxs(), config.maxBatchBytes());
      if (taken.isEmpty()) {
        return;
      }
      long timestamp =
          Math.max(context.scheduler().nowMillis(), parent.header().timestampMillis() + 1);
      Block unsealed =
          context.chain().buildBlock(parentId, taken, timestamp, context.signer().publicKey());
      Set<Transaction> included = new HashSet<>(unsealed.transactions());
      List<Transaction> excluded = new ArrayList<>();
      for (Transaction tx : taken) {
        if (!included.contains(tx)) {
          excluded.add(tx);
        }
      }
      if (!excluded.isEmpty()) {
        context.mempool().requeue(excluded);
      }
      if (unsealed.transactions().isEmpty()) {
        return;
      }
      long index = log.lastIndex() + 1;
      Block block = unsealed.withSeal(RaftSeal.of(term, index, unsealed).encode());
      ImportResult imported = context.chain().importBlock(block);
      if (!imported.isAccepted()) {
        context.metrics().increment("raft.propose.failed", "reason", imported.reason());
        context.mempool().requeue(block.transactions());
        return;
      }
      uncommitted.put(index, block.transactions());
      context.metrics().record("raft.block.txs", block.transactions().size());
      append.accept(LogEntry.block(index, term, block));
    }
  }

  /** The entry at {@code index} committed: its transactions are done. */
  void committed(long index) {
    uncommitted.remove(index);
  }

  /** Leadership ended: every transaction of an uncommitted block of ours goes back. */
  void requeueUncommitted() {
    List<Transaction> back = new ArrayList<>();
    uncommitted.values().forEach(back::addAll);
    uncommitted.clear();
    if (!back.isEmpty()) {
      context.mempool().requeue(back);
    }
  }
}

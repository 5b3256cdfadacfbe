package io.consensio.bench.cluster;

import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads an {@link InProcessCluster} through one node: operation {@code i} is the i-th of a list of
 * pre-signed transactions, admitted into the entry node's mempool (which gossips it to the others,
 * as an HTTP submission would) and committed once a block holding it is final on the entry node.
 *
 * <p>Threading: {@link #submit} runs on the driver thread; finality is observed on the entry node's
 * event loop, which completes the outcomes.
 */
public final class ConsensioTarget implements CommitTarget, AutoCloseable {
  private final ClusterNode entry;
  private final Map<Hash, Integer> pending = new ConcurrentHashMap<>();
  private final FinalBlockFeed feed;

  /** Height of the highest block seen final on the entry node; only grows. */
  private final AtomicLong finalHeight = new AtomicLong();

  private volatile List<Transaction> transactions = List.of();
  private volatile Outcomes outcomes;

  public ConsensioTarget(ClusterNode entry) {
    this.entry = entry;
    this.feed = entry.followFinalBlocks(this::onFinal);
    // blocks may already have been handed out on the loop: never move the height back
    finalHeight.accumulateAndGet(feed.startHeight(), Math::max);
  }

  /**
   * Height of the highest block that has become final on the entry node, as handed out in height
   * order by its final-block feed (so every height up to it is final, each counted once). The
   * difference of two readings is the number of blocks that became final in between.
   */
  public long finalHeight() {
    return finalHeight.get();
  }

  /** The transactions operations {@code 0..n-1} of the next run stand for. */
  public void load(List<Transaction> next) {
    if (!pending.isEmpty()) {
      throw new IllegalStateException(pending.size() + " operations of the last run are pending");
    }
    this.transactions = List.copyOf(next);
  }

  @Override
  public void submit(int first, int count, Outcomes outcomes) {
    this.outcomes = outcomes;
    List<Transaction> batch = transactions.subList(first, first + count);
    for (int i = 0; i < count; i++) {
      pending.put(batch.get(i).id(), first + i);
    }
    entry
        .submitAll(batch)
        .thenAccept(
            results -> {
              for (int i = 0; i < results.size(); i++) {
                AdmitResult result = results.get(i);
                if (!result.accepted() && pending.remove(batch.get(i).id()) != null) {
                  outcomes.failed(first + i, "refused: " + result.reason());
                }
              }
            });
  }

  private void onFinal(Block block) {
    finalHeight.accumulateAndGet(block.height(), Math::max);
    Outcomes current = outcomes;
    for (Transaction tx : block.transactions()) {
      Integer index = pending.remove(tx.id());
      if (index != null) {
        current.committed(index);
      }
    }
  }

  @Override
  public void close() {
    entry.stopFollowing(feed);
  }
}

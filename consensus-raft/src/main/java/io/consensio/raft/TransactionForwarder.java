package io.consensio.raft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.raft.messages.RaftCodec;
import io.consensio.raft.messages.RaftMessage.ForwardTransactions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A follower's side of client requests: "if a client contacts a follower, the follower redirects it
 * to the leader" (paper §8). Here the follower forwards the transactions themselves. It remembers
 * what it forwarded and returns it to the mempool when the leader changes, since the old leader may
 * never have included it. Not thread-safe; event loop only.
 */
final class TransactionForwarder {
  private final ConsensusContext context;
  private final RaftConfig config;
  private final Map<Object, Transaction> forwarded = new LinkedHashMap<>();

  TransactionForwarder(ConsensusContext context, RaftConfig config) {
    this.context = context;
    this.config = config;
  }

  /**
   * Takes every ready transaction and sends them to {@code leader}, one batch per message (the
   * mempool signals new work only once, so nothing may be left behind).
   */
  void forward(NodeId leader, long term) {
    forwarded.values().removeIf(tx -> !context.mempool().contains(tx.id()));
    while (context.mempool().readyCount() > 0) {
      List<Transaction> batch =
          context.mempool().takeBatch(config.maxBatchTxs(), config.maxBatchBytes());
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(tx -> forwarded.put(tx.id(), tx));
      context.network().send(leader, RaftCodec.encode(new ForwardTransactions(term, batch)));
      context.metrics().add("raft.forwarded.txs", batch.size());
    }
  }

  /** Transactions of a committed block no longer need watching. */
  void committed(List<Transaction> transactions) {
    transactions.forEach(tx -> forwarded.remove(tx.id()));
  }

  /** The leader changed or is unknown: what the old one may have dropped goes back. */
  void leaderChanged() {
    List<Transaction> back = new ArrayList<>();
    for (Transaction tx : forwarded.values()) {
      if (context.mempool().contains(tx.id())) {
        back.add(tx);
      }
    }
    forwarded.clear();
    if (!back.isEmpty()) {
      context.mempool().requeue(back);
    }
  }
}

package io.consensio.raft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.raft.messages.RaftCodec;
import io.consensio.raft.messages.RaftMessage.ForwardTransactions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A follower's side of client requests: "if a client contacts a follower, the follower redirects it
 * to the leader" (paper §8). Here the follower forwards the transactions themselves, and acts as
 * the paper's retrying client: it remembers what it forwarded, sends again what is still not
 * committed after {@code retryMillis} (a forward can be lost, and the leader does not acknowledge
 * it), and returns it to the mempool when the leader changes, since the old leader may never have
 * included it. Transactions are not gossiped under Raft, so without this a lost forward would leave
 * a transaction in one follower's mempool for good. Not thread-safe; event loop only.
 */
final class TransactionForwarder {
  private final ConsensusContext context;
  private final RaftConfig config;

  /** Forwarded and not yet committed, oldest forward first. */
  private final LinkedHashMap<Hash, Forwarded> forwarded = new LinkedHashMap<>();

  private record Forwarded(Transaction tx, long atMillis) {}

  TransactionForwarder(ConsensusContext context, RaftConfig config) {
    this.context = context;
    this.config = config;
  }

  /**
   * Takes every ready transaction and sends them to {@code leader}, one batch per message (the
   * mempool signals new work only once, so nothing may be left behind).
   */
  void forward(NodeId leader, long term) {
    forwarded.values().removeIf(f -> !context.mempool().contains(f.tx().id()));
    while (context.mempool().readyCount() > 0) {
      List<Transaction> batch =
          context.mempool().takeBatch(config.maxBatchTxs(), config.maxBatchBytes());
      if (batch.isEmpty()) {
        return;
      }
      long now = context.scheduler().nowMillis();
      batch.forEach(tx -> forwarded.put(tx.id(), new Forwarded(tx, now)));
      send(leader, term, batch);
    }
  }

  /**
   * On contact with the leader: forwards what became ready since (transactions given back to the
   * mempool do not announce themselves), and sends again, once per {@code retryMillis}, every
   * forwarded transaction the mempool still holds uncommitted.
   */
  void onLeaderContact(NodeId leader, long term, long retryMillis) {
    if (context.mempool().readyCount() > 0) {
      forward(leader, term);
    }
    long now = context.scheduler().nowMillis();
    List<Transaction> again = new ArrayList<>();
    for (Iterator<Forwarded> it = forwarded.values().iterator(); it.hasNext(); ) {
      Forwarded f = it.next();
      if (now - f.atMillis() < retryMillis || again.size() >= config.maxBatchTxs()) {
        break; // oldest first: the rest are younger (or wait for the next contact)
      }
      it.remove();
      if (context.mempool().contains(f.tx().id())) {
        again.add(f.tx());
      }
    }
    if (!again.isEmpty()) {
      again.forEach(tx -> forwarded.put(tx.id(), new Forwarded(tx, now)));
      send(leader, term, again);
      context.metrics().add("raft.forwarded.retried", again.size());
    }
  }

  private void send(NodeId leader, long term, List<Transaction> batch) {
    context.network().send(leader, RaftCodec.encode(new ForwardTransactions(term, batch)));
    context.metrics().add("raft.forwarded.txs", batch.size());
  }

  /** Transactions of a committed block no longer need watching. */
  void committed(List<Transaction> transactions) {
    transactions.forEach(tx -> forwarded.remove(tx.id()));
  }

  /** The leader changed or is unknown: what the old one may have dropped goes back. */
  void leaderChanged() {
    List<Transaction> back = new ArrayList<>();
    for (Forwarded f : forwarded.values()) {
      if (context.mempool().contains(f.tx().id())) {
        back.add(f.tx());
      }
    }
    forwarded.clear();
    if (!back.isEmpty()) {
      context.mempool().requeue(back);
    }
  }
}

package io.consensio.runtime.mempool;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwards newly admitted transactions to every peer, batched per event-loop turn, and feeds
 * transactions from peers into the mempool. Each node forwards a transaction only when its mempool
 * admits it for the first time, and the mempool remembers what it has seen, so a transaction
 * crosses each link at most about once instead of flooding forever.
 */
public final class TxGossip {
  static final int MAX_BATCH = 4_096;

  private final PeerMessenger messenger;
  private final Scheduler scheduler;
  private final Metrics metrics;
  private final List<Transaction> outbox = new ArrayList<>();
  private boolean flushScheduled;

  public TxGossip(PeerMessenger messenger, Scheduler scheduler, Metrics metrics) {
    this.messenger = messenger;
    this.scheduler = scheduler;
    this.metrics = metrics;
  }

  /** Queues an admitted transaction for forwarding at the end of this event-loop turn. */
  public void forward(Transaction tx) {
    outbox.add(tx);
    if (outbox.size() >= MAX_BATCH) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      scheduler.schedule(0, this::flush);
    }
  }

  private void flush() {
    flushScheduled = false;
    if (outbox.isEmpty()) {
      return;
    }
    int bytes = Integer.BYTES;
    for (Transaction tx : outbox) {
      bytes += tx.encodedSize();
    }
    CanonicalWriter w = new CanonicalWriter(bytes);
    w.writeList(outbox, (writer, tx) -> tx.write(writer));
    outbox.clear();
    messenger.broadcast(MessageChannel.TRANSACTIONS, w.toByteArray());
  }

  /** Admits what a peer forwarded; malformed batches are dropped whole and counted. */
  public void onInbound(NodeId from, byte[] payload, MempoolImpl mempool) {
    List<Transaction> txs;
    try {
      CanonicalReader r = new CanonicalReader(payload);
      txs = r.readList(MAX_BATCH, Transaction::read);
      r.finish();
    } catch (DecodingException e) {
      metrics.increment("gossip.malformed");
      return;
    }
    for (Transaction tx : txs) {
      if (!mempool.hasSeen(tx.id())) {
        mempool.submit(tx);
      }
    }
  }
}

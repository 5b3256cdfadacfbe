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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwards newly admitted transactions to every peer, batched per event-loop turn, and feeds
 * transactions from peers into the mempool. Each node forwards a transaction only when its mempool
 * admits it for the first time, and the mempool remembers what it has seen, so a transaction
 * crosses each link at most about once instead of flooding forever.
 *
 * <p>Forwarded transactions are admitted a slice at a time ({@link #ADMIT_SLICE} per event-loop
 * task), in arrival order: admission verifies each signature (about 80 µs), so a whole batch
 * admitted in one task held the loop for a third of a second of CPU, and timers and consensus
 * messages waited behind it. Not thread-safe; event loop only.
 */
public final class TxGossip {
  static final int MAX_BATCH = 4_096;

  /**
   * Most forwarded transactions admitted in one event-loop task. With whole batches, half of the
   * slot ticks of a signed PoS benchmark cluster came after their slot had passed, so those slots'
   * lotteries were never drawn (session 6, {@code pos.slot.skipped}).
   */
  static final int ADMIT_SLICE = 128;

  /**
   * Most forwarded transactions waiting for admission. A batch that would exceed it is dropped and
   * counted ({@code gossip.dropped} with reason {@code backlog}): forwarding is best effort — the
   * sender keeps the transaction and a block brings it anyway — and memory stays bounded when peers
   * forward faster than this node verifies.
   */
  static final int MAX_BACKLOG = 4 * MAX_BATCH;

  private final PeerMessenger messenger;
  private final Scheduler scheduler;
  private final Metrics metrics;
  private final List<Transaction> outbox = new ArrayList<>();
  private boolean flushScheduled;
  private final ArrayDeque<Transaction> backlog = new ArrayDeque<>();
  private MempoolImpl admitInto;
  private boolean admitScheduled;

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

  /**
   * Queues what a peer forwarded for admission and admits the first slice now; malformed batches
   * are dropped whole and counted.
   */
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
    if (backlog.size() + txs.size() > MAX_BACKLOG) {
      metrics.add("gossip.dropped", txs.size(), "reason", "backlog");
      return;
    }
    backlog.addAll(txs);
    admitInto = mempool;
    admitSlice();
  }

  /** Forwarded transactions not yet admitted. */
  int backlog() {
    return backlog.size();
  }

  private void admitSlice() {
    for (int i = 0; i < ADMIT_SLICE && !backlog.isEmpty(); i++) {
      Transaction tx = backlog.poll();
      if (!admitInto.hasSeen(tx.id())) {
        admitInto.submit(tx);
      }
    }
    if (!backlog.isEmpty() && !admitScheduled) {
      admitScheduled = true;
      scheduler.schedule(
          0,
          () -> {
            admitScheduled = false;
            admitSlice();
          });
    }
  }
}

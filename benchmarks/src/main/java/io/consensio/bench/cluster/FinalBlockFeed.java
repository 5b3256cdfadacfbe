package io.consensio.bench.cluster;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.node.NodeCore;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands every block that becomes final on one node to a consumer, in height order, each once.
 *
 * <p>Finality moves inside engine handlers that also move the head (Raft and PBFT commit a block:
 * head, then finality; PoW finalizes the block k deep when a new head arrives), so a head change
 * schedules a scan right after the current event-loop task. Engines that finalize on votes without
 * moving the head (PoS checkpoints) are caught by a scan every {@link #TICK_MILLIS}.
 *
 * <p>Threading: every method runs on the node's event loop.
 */
final class FinalBlockFeed {
  static final long TICK_MILLIS = 5;

  private final NodeCore core;
  private final Scheduler loop;
  private final Consumer<Block> consumer;
  private long scannedHeight;
  private volatile long startHeight;
  private boolean scanScheduled;
  private boolean running;
  private Cancellable ticker;

  FinalBlockFeed(NodeCore core, Scheduler loop, Consumer<Block> consumer) {
    this.core = core;
    this.loop = loop;
    this.consumer = consumer;
  }

  /** Starts from the current final height: blocks final before now are not handed out. */
  void start() {
    running = true;
    scannedHeight = core.chain().finalizedHead().height();
    startHeight = scannedHeight;
    ((ChainStoreImpl) core.chain()).addHeadListener(this::onHeadChanged);
    tick();
  }

  /** The final height when {@link #start()} ran: blocks up to it were not handed out. */
  long startHeight() {
    return startHeight;
  }

  void stop() {
    running = false;
    if (ticker != null) {
      ticker.cancel();
    }
  }

  private void onHeadChanged(List<Block> reverted, List<Block> applied) {
    if (running && !scanScheduled) {
      scanScheduled = true;
      loop.schedule(0, this::scan);
    }
  }

  private void tick() {
    if (running) {
      scan();
      ticker = loop.schedule(TICK_MILLIS, this::tick);
    }
  }

  private void scan() {
    scanScheduled = false;
    if (!running) {
      return;
    }
    long finalized = core.chain().finalizedHead().height();
    while (scannedHeight < finalized) {
      long next = scannedHeight + 1;
      Block block =
          core.chain()
              .canonicalAt(next)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "final block at height " + next + " is not on the canonical chain"));
      scannedHeight = next;
      consumer.accept(block);
    }
  }
}

package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pos.finality.Vote;
import io.consensio.pos.messages.PosCodec;
import io.consensio.pos.messages.PosMessage;
import io.consensio.pos.sync.OrphanPool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Block propagation and catch-up. A node relays each block it imports from gossip to every peer
 * once (flooding, deduplicated by the ledger's "already known"); a block whose parent is unknown
 * waits in a bounded {@link OrphanPool} while this node asks the sender for its canonical chain
 * from just above the local finalized height — which covers a node that restarts behind and a fork
 * that grew on the other side of a partition — and for the finality votes it is missing. Requests
 * are rate-limited per peer; a batch that ends below the sender's head asks for the next one.
 * Event-loop thread only.
 */
final class BlockGossip {
  private final ConsensusContext context;
  private final PosConfig config;
  private final ChainDriver driver;
  private final OrphanPool orphans;
  private final Map<NodeId, Long> lastRequestMillis = new HashMap<>();

  BlockGossip(ConsensusContext context, PosConfig config, ChainDriver driver) {
    this.context = context;
    this.config = config;
    this.driver = driver;
    this.orphans = new OrphanPool(config.maxOrphans());
  }

  int orphanCount() {
    return orphans.size();
  }

  /** A gossiped block: import it, relay it if new, fetch its ancestry if its parent is unknown. */
  void onNewBlock(NodeId from, Block block) {
    if (accept(from, block)) {
      context.network().broadcast(PosCodec.encode(new PosMessage.NewBlock(block)));
      driver.updateHead();
    }
  }

  /** A catch-up batch: import in order; ask for more while the sender is ahead. */
  void onBlocks(NodeId from, PosMessage.Blocks batch) {
    boolean imported = false;
    long lastHeight = -1;
    for (Block block : batch.blocks()) {
      imported |= accept(from, block);
      lastHeight = Math.max(lastHeight, block.height());
    }
    if (imported) {
      driver.updateHead();
    }
    if (!batch.blocks().isEmpty() && lastHeight < batch.headHeight()) {
      request(from, lastHeight + 1, true);
    }
  }

  void onSyncRequest(NodeId from, PosMessage.SyncRequest request) {
    List<Block> blocks = new ArrayList<>();
    long bytes = 0;
    long first = Math.max(1, request.fromHeight());
    long last = Math.min(context.chain().head().height(), first + config.syncBatchBlocks() - 1);
    for (long h = first; h <= last; h++) {
      Optional<Block> block = context.chain().canonicalAt(h);
      if (block.isEmpty()) {
        break;
      }
      bytes += block.get().encode().length;
      if (!blocks.isEmpty() && bytes > Block.MAX_ENCODED_BYTES) {
        break;
      }
      blocks.add(block.get());
    }
    PosMessage.Blocks reply = new PosMessage.Blocks(blocks, context.chain().head().height());
    context.network().send(from, PosCodec.encode(reply));
    List<Vote> votes =
        driver.gadget().pool().votesAbove(request.finalizedEpoch(), PosCodec.MAX_VOTES);
    if (!votes.isEmpty()) {
      context.network().send(from, PosCodec.encode(new PosMessage.Votes(votes)));
    }
  }

  /** Asks {@code peer} for its chain above our finalized block; at most once per slot per peer. */
  void requestCatchUp(NodeId peer) {
    request(peer, context.chain().finalizedHead().height() + 1, false);
  }

  /** Asks {@code peer} for what lies above our head (anti-entropy: cheap when nothing does). */
  void requestAboveHead(NodeId peer) {
    request(peer, context.chain().head().height() + 1, false);
  }

  private void request(NodeId peer, long fromHeight, boolean continuation) {
    long now = context.scheduler().nowMillis();
    long interval = continuation ? config.slotMillis() / 4 : config.slotMillis();
    Long last = lastRequestMillis.get(peer);
    if (last != null && now - last < interval && now >= last) {
      context.metrics().increment("pos.sync.request.suppressed");
      return;
    }
    lastRequestMillis.put(peer, now);
    long finalizedEpoch = driver.gadget().finalized().epoch();
    context
        .network()
        .send(peer, PosCodec.encode(new PosMessage.SyncRequest(fromHeight, finalizedEpoch)));
  }

  /** Imports {@code block} and every orphan it unblocks; true if {@code block} itself was new. */
  private boolean accept(NodeId from, Block block) {
    if (block.height() <= context.chain().finalizedHead().height()
        || context.chain().contains(block.id())) {
      return false;
    }
    ImportResult result = driver.importBlock(block);
    switch (result.status()) {
      case IMPORTED -> {
        importOrphansOf(block);
        return true;
      }
      case UNKNOWN_PARENT -> {
        if (orphans.add(block)) {
          context.metrics().increment("pos.block.orphaned");
        }
        requestCatchUp(from);
        return false;
      }
      case INVALID -> {
        context.metrics().increment("pos.dropped", "reason", "invalid-block");
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  private void importOrphansOf(Block parent) {
    Deque<Block> ready = new ArrayDeque<>(orphans.takeChildren(parent.id()));
    while (!ready.isEmpty()) {
      Block child = ready.poll();
      if (driver.importBlock(child).status() == ImportResult.Status.IMPORTED) {
        ready.addAll(orphans.takeChildren(child.id()));
      }
    }
  }

  void onFinalized() {
    orphans.pruneAtOrBelow(context.chain().finalizedHead().height());
  }
}

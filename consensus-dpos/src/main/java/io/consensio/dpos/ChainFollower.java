package io.consensio.dpos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.dpos.evidence.DoubleProduction;
import io.consensio.dpos.evidence.EquivocationDetector;
import io.consensio.dpos.evidence.EvidencePool;
import io.consensio.dpos.messages.DposCodec;
import io.consensio.dpos.messages.DposMessage;
import io.consensio.dpos.schedule.RoundPlanner;
import io.consensio.dpos.seal.DposSeal;
import io.consensio.dpos.sync.OrphanPool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Takes blocks into the ledger and keeps the head and the LIB where DPoS wants them.
 *
 * <ul>
 *   <li>Gossip: a block imported for the first time from a {@code NewBlock} is relayed to every
 *       peer, so a block reaches nodes its producer's message did not.
 *   <li>Orphans: a block whose parent is unknown waits in a bounded {@link OrphanPool} while the
 *       sender is asked for its chain from just above our LIB; its children join when it does.
 *   <li>Catch-up: answers and follows {@code SyncRequest}s by height, batch after batch until the
 *       asker reaches the sender's head — how a node that restarts behind comes back.
 *   <li>Fork choice: the longest branch that contains the LIB (BitShares/EOSIO), ties kept on the
 *       branch seen first; after each head change the LIB is recomputed and marked final.
 *   <li>Equivocation: every imported block's signed slot is checked for a second block of the same
 *       producer and slot; proof found is pooled and gossiped, and delegates put it on the chain as
 *       an evidence transaction, which the ledger judges with {@link
 *       io.consensio.dpos.evidence.DoubleProductionJudge}.
 * </ul>
 *
 * <p>Event-loop thread only.
 */
final class ChainFollower {
  private static final int SYNC_RESPONSE_BYTES = 4 << 20;

  private final ConsensusContext context;
  private final ChainStore chain;
  private final DposConfig config;
  private final RoundPlanner planner;
  private final OrphanPool orphans;
  private final EquivocationDetector detector = new EquivocationDetector(8_192);
  private final EvidencePool evidence = new EvidencePool(64);
  private long lastSyncRequestMillis = Long.MIN_VALUE / 2;

  ChainFollower(ConsensusContext context, DposConfig config, RoundPlanner planner) {
    this.context = context;
    this.chain = context.chain();
    this.config = config;
    this.planner = planner;
    this.orphans = new OrphanPool(config.maxOrphans());
  }

  EvidencePool evidence() {
    return evidence;
  }

  int orphanCount() {
    return orphans.size();
  }

  /** Asks every peer for what this node may have missed (after a start or restart). */
  void catchUpFromAll() {
    long from = chain.finalizedHead().height() + 1;
    context.network().broadcast(DposCodec.encode(new DposMessage.SyncRequest(from)));
  }

  /** A block from a peer: import, gossip, adopt orphans, choose the head. */
  void onBlock(NodeId from, Block block, boolean relay) {
    if (chain.contains(block.id())) {
      context.metrics().increment("dpos.block.duplicate");
      return;
    }
    if (block.height() <= chain.finalizedHead().height()) {
      drop("below-lib");
      return;
    }
    ImportResult result = chain.importBlock(block);
    switch (result.status()) {
      case IMPORTED -> {
        afterImport(block, relay);
        chooseHead(adoptOrphans(block));
      }
      case ALREADY_KNOWN -> context.metrics().increment("dpos.block.duplicate");
      case UNKNOWN_PARENT -> {
        if (orphans.add(block)) {
          context.metrics().increment("dpos.block.orphaned");
        }
        requestSync(from, Math.max(1, chain.head().height() - 4), false);
      }
      case INVALID -> drop("invalid-block");
    }
  }

  /** Our own block, already imported. */
  void onProduced(Block block) {
    afterImport(block, true);
    chooseHead(adoptOrphans(block));
  }

  void onSyncRequest(NodeId from, long fromHeight) {
    Block head = chain.head();
    List<Block> blocks = new ArrayList<>();
    long bytes = 0;
    for (long h = fromHeight; h <= head.height() && blocks.size() < config.syncBatchBlocks(); h++) {
      Optional<Block> block = chain.canonicalAt(h);
      if (block.isEmpty()) {
        break;
      }
      bytes += block.get().encode().length;
      if (bytes > SYNC_RESPONSE_BYTES && !blocks.isEmpty()) {
        break;
      }
      blocks.add(block.get());
    }
    if (!blocks.isEmpty()) {
      context
          .network()
          .send(from, DposCodec.encode(new DposMessage.SyncResponse(head.height(), blocks)));
    }
  }

  void onSyncResponse(NodeId from, DposMessage.SyncResponse response) {
    for (Block block : response.blocks()) {
      onBlock(from, block, false);
    }
    if (response.blocks().isEmpty()) {
      return;
    }
    Block first = response.blocks().get(0);
    Block last = response.blocks().get(response.blocks().size() - 1);
    if (!chain.contains(first.id()) && first.height() > chain.finalizedHead().height() + 1) {
      // The sender's branch forks below what we asked for: ask again from just above our LIB.
      requestSync(from, chain.finalizedHead().height() + 1, true);
    } else if (chain.contains(last.id()) && response.headHeight() > last.height()) {
      requestSync(from, last.height() + 1, true);
    }
  }

  void onEvidence(DoubleProduction proof) {
    if (!proof.isValid(context.verifier())) {
      drop("forged-evidence");
      return;
    }
    if (evidence.add(proof)) {
      context.metrics().increment("dpos.evidence.received");
    }
  }

  private void afterImport(Block block, boolean relay) {
    context.metrics().increment("dpos.block.imported");
    if (relay) {
      context.network().broadcast(DposCodec.encode(new DposMessage.NewBlock(block)));
    }
    DposSeal seal = RoundPlanner.sealOf(block);
    DoubleProduction.SignedSlot signed =
        new DoubleProduction.SignedSlot(block.id(), seal.roundDigest(), seal.signature());
    detector
        .observe(block.header().proposer(), seal.slot(), signed)
        .ifPresent(
            proof -> {
              context.metrics().increment("dpos.evidence.detected");
              if (evidence.add(proof)) {
                context.network().broadcast(DposCodec.encode(new DposMessage.Evidence(proof)));
              }
            });
  }

  /** Imports held descendants of {@code root}; returns the highest block now in the tree. */
  private Block adoptOrphans(Block root) {
    Block best = root;
    Deque<Block> ready = new ArrayDeque<>();
    ready.add(root);
    while (!ready.isEmpty()) {
      for (Block child : orphans.takeChildren(ready.poll().id())) {
        if (chain.importBlock(child).status() == ImportResult.Status.IMPORTED) {
          afterImport(child, false);
          ready.add(child);
          if (child.height() > best.height()) {
            best = child;
          }
        } else {
          drop("invalid-orphan");
        }
      }
    }
    return best;
  }

  /** Longest chain containing the LIB; an equally long branch does not displace the head. */
  private void chooseHead(Block candidate) {
    if (candidate.height() <= chain.head().height() || !descendsFromLib(candidate)) {
      return;
    }
    Block oldHead = chain.head();
    chain.setHead(candidate.id());
    if (!candidate.parent().equals(oldHead.id())) {
      context.metrics().increment("dpos.fork.switched");
    }
    Optional<Block> lib = LastIrreversibleBlock.above(chain, planner, candidate);
    if (lib.isPresent()) {
      chain.markFinal(lib.get().id()); // syncs the ledger, head included
      orphans.dropAtOrBelow(lib.get().height());
      chain.stateAt(lib.get().id()).ifPresent(evidence::settle);
    } else {
      // Make every head move durable before the next one. A restarted delegate then resumes from
      // the head it last built on; it also keeps the ledger's head marker from being written
      // twice between syncs, which the simulator's disk reverts wrongly (see the module report).
      context.store().sync();
    }
  }

  private boolean descendsFromLib(Block block) {
    Block lib = chain.finalizedHead();
    Block cursor = block;
    while (cursor.height() > lib.height()) {
      Optional<Block> parent = chain.block(cursor.parent());
      if (parent.isEmpty()) {
        return false;
      }
      cursor = parent.get();
    }
    return cursor.id().equals(lib.id());
  }

  private void requestSync(NodeId to, long fromHeight, boolean continuation) {
    long now = context.scheduler().nowMillis();
    if (!continuation && now - lastSyncRequestMillis < config.slotMillis()) {
      return;
    }
    lastSyncRequestMillis = now;
    long from = Math.max(fromHeight, chain.finalizedHead().height() + 1);
    context.network().send(to, DposCodec.encode(new DposMessage.SyncRequest(from)));
  }

  private void drop(String reason) {
    context.metrics().increment("dpos.dropped", "reason", reason);
  }
}

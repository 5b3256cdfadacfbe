package io.consensio.pow.sync;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pow.chain.SealValidator;
import io.consensio.pow.messages.PowCodec;
import io.consensio.pow.messages.PowMessage;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Block propagation and catch-up (Nakamoto 2008, §5: new blocks are broadcast; "if a node does not
 * receive a block, it will request it when it receives the next block and realizes it missed one").
 * A header announcement whose proof of work checks out is answered with a fetch; a block whose
 * parent is unknown waits in the {@link OrphanPool} while its missing ancestor is fetched from the
 * peer that sent it; a node that is behind asks for the canonical blocks after its block locator.
 * Blocks are imported through the engine's importer, which applies the fork choice. Event-loop
 * only.
 */
public final class BlockSync {
  private static final Logger LOG = LoggerFactory.getLogger(BlockSync.class);

  private static final long REFETCH_AFTER_MILLIS = 1_000;
  private static final long CATCH_UP_SPACING_MILLIS = 250;
  private static final int MAX_TRACKED_REQUESTS = 4_096;

  private final ConsensusContext context;
  private final ChainStore chain;
  private final OrphanPool orphans;
  private final Function<Block, ImportResult> importer;
  private final BigInteger powLimit;
  private final int batchBlocks;
  private final Map<Hash, Long> requestedAt = new HashMap<>();
  private final Map<NodeId, Long> catchUpAt = new HashMap<>();

  public BlockSync(
      ConsensusContext context,
      OrphanPool orphans,
      Function<Block, ImportResult> importer,
      BigInteger powLimit,
      int batchBlocks) {
    this.context = context;
    this.chain = context.chain();
    this.orphans = orphans;
    this.importer = importer;
    this.powLimit = powLimit;
    this.batchBlocks = batchBlocks;
  }

  public void onAnnounce(NodeId from, BlockHeader header) {
    Hash id = header.id();
    if (chain.contains(id) || orphans.contains(id)) {
      return;
    }
    if (!SealValidator.hasValidWork(header, powLimit)) {
      drop("bad-pow-announce");
      return;
    }
    requestBlock(from, id);
  }

  public void onGetBlock(NodeId from, Hash id) {
    chain
        .block(id)
        .filter(b -> b.height() > 0)
        .ifPresent(b -> send(from, new PowMessage.BlockMessage(b)));
  }

  public void onGetBlocks(NodeId from, List<Hash> locator) {
    long start = -1;
    for (Hash hash : locator) {
      if (chain.isCanonical(hash)) {
        start = chain.block(hash).orElseThrow().height() + 1;
        break;
      }
    }
    if (start < 0) {
      drop("unknown-locator");
      return;
    }
    long last = Math.min(chain.head().height(), start + batchBlocks - 1);
    List<Block> blocks = new ArrayList<>();
    for (long h = start; h <= last; h++) {
      chain.canonicalAt(h).ifPresent(blocks::add);
    }
    if (!blocks.isEmpty()) {
      send(from, new PowMessage.Blocks(blocks));
    }
  }

  public void onBlocks(NodeId from, List<Block> blocks) {
    for (Block block : blocks) {
      receive(from, block);
    }
    if (blocks.size() >= batchBlocks) {
      send(from, new PowMessage.GetBlocks(locator())); // there is more: continue at once
    }
  }

  /** A block from a peer: checked, imported (or held as an orphan), then its held children. */
  public void receive(NodeId from, Block block) {
    Deque<Block> pending = new ArrayDeque<>();
    pending.add(block);
    while (!pending.isEmpty()) {
      Block next = pending.poll();
      if (chain.contains(next.id()) || orphans.contains(next.id())) {
        continue;
      }
      if (next.height() <= chain.finalizedHead().height()) {
        drop("below-finalized");
        continue;
      }
      if (!SealValidator.hasValidWork(next.header(), powLimit)) {
        drop("bad-pow");
        continue;
      }
      ImportResult result = importer.apply(next);
      switch (result.status()) {
        case IMPORTED -> pending.addAll(orphans.takeChildren(next.id()));
        case UNKNOWN_PARENT -> {
          orphans.add(next);
          fetchAncestors(from, next);
        }
        case INVALID -> {
          drop("invalid-block");
          LOG.info("refused block {} from {}: {}", next.id(), from, result.reason());
        }
        case ALREADY_KNOWN -> {}
      }
    }
  }

  private void fetchAncestors(NodeId from, Block orphan) {
    if (orphan.height() > chain.head().height() + 1) {
      requestCatchUp(from);
    }
    requestBlock(from, orphans.missingAncestor(orphan));
  }

  /** Asks {@code from} for one block unless it was asked for very recently. */
  public void requestBlock(NodeId from, Hash id) {
    long now = context.scheduler().nowMillis();
    Long last = requestedAt.get(id);
    if (last != null && now - last < REFETCH_AFTER_MILLIS) {
      return;
    }
    if (requestedAt.size() >= MAX_TRACKED_REQUESTS) {
      requestedAt.clear();
    }
    requestedAt.put(id, now);
    send(from, new PowMessage.GetBlock(id));
  }

  /** Asks {@code peer} for its canonical blocks after our locator. */
  public void requestCatchUp(NodeId peer) {
    long now = context.scheduler().nowMillis();
    Long last = catchUpAt.get(peer);
    if (last != null && now - last < CATCH_UP_SPACING_MILLIS) {
      return;
    }
    catchUpAt.put(peer, now);
    send(peer, new PowMessage.GetBlocks(locator()));
  }

  /** Canonical block ids from the head down: ten consecutive, then doubling steps, then genesis. */
  List<Hash> locator() {
    List<Hash> locator = new ArrayList<>();
    long height = chain.head().height();
    long step = 1;
    while (height > 0 && locator.size() < PowCodec.MAX_LOCATOR - 1) {
      chain.canonicalAt(height).ifPresent(b -> locator.add(b.id()));
      if (locator.size() >= 10) {
        step *= 2;
      }
      height -= step;
    }
    Block finalized = chain.finalizedHead();
    if (!locator.contains(finalized.id()) && locator.size() < PowCodec.MAX_LOCATOR - 1) {
      locator.add(finalized.id());
    }
    locator.add(chain.canonicalAt(0).map(Block::id).orElse(finalized.id()));
    return locator;
  }

  private void send(NodeId to, PowMessage message) {
    context.network().send(to, PowCodec.encode(message));
  }

  private void drop(String reason) {
    context.metrics().increment("pow.dropped", "reason", reason);
    LOG.debug("dropped a block or request: {}", reason);
  }
}

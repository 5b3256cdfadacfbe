package io.consensio.pow.chain;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.target.ChainWork;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Nakamoto's fork choice: the canonical chain is the one with the most cumulative work (Nakamoto
 * 2008, §5: "nodes always consider the longest chain to be the correct one", longest meaning most
 * proof-of-work; Bitcoin Core's {@code CBlockIndexWorkComparator} in src/node/blockstorage.cpp),
 * ties going to the block seen first. Two limits override work: a chain must contain the finalized
 * head (the ledger never reverts final blocks) and the latest checkpoint.
 *
 * <p>Tracks every leaf of the block tree and the cumulative work of each block; cumulative work is
 * counted from the oldest block still stored, which compares descendants of the finalized head
 * correctly whatever that base is. Event-loop only.
 */
public final class ForkChoice {
  private record Entry(BigInteger work, long height, long firstSeen) {}

  private final ChainStore chain;
  private final PowChainView view;
  private final Supplier<Optional<Checkpoint>> checkpoint;
  private final Metrics metrics;
  private final Map<Hash, Entry> entries = new HashMap<>();
  private final Set<Hash> tips = new LinkedHashSet<>();
  private final Set<Hash> refused = new HashSet<>();
  private long seen;
  private long deepestReorg;

  public ForkChoice(
      ChainStore chain,
      PowChainView view,
      Supplier<Optional<Checkpoint>> checkpoint,
      Metrics metrics) {
    this.chain = chain;
    this.view = view;
    this.checkpoint = checkpoint;
    this.metrics = metrics;
    tips.add(chain.head().id());
    entry(chain.head());
    metrics.gauge("pow.reorg.deepest", () -> deepestReorg);
  }

  /** Cumulative work of {@code block}'s chain. */
  public BigInteger work(Block block) {
    return entry(block).work();
  }

  private Entry entry(Block block) {
    Entry known = entries.get(block.id());
    if (known != null) {
      return known;
    }
    // Walk down to a block whose work is known (or the oldest stored), then back up.
    List<Block> path = new ArrayList<>();
    Block cursor = block;
    BigInteger base = BigInteger.ZERO;
    while (true) {
      Entry cached = entries.get(cursor.id());
      if (cached != null) {
        base = cached.work();
        break;
      }
      path.add(cursor);
      if (cursor.height() == 0) {
        break;
      }
      Optional<Block> parent = chain.block(cursor.parent());
      if (parent.isEmpty()) {
        break;
      }
      cursor = parent.get();
    }
    Entry last = null;
    for (int i = path.size() - 1; i >= 0; i--) {
      Block b = path.get(i);
      BigInteger own = b.height() == 0 ? BigInteger.ZERO : ChainWork.ofBits(view.bits(b));
      base = base.add(own);
      last = new Entry(base, b.height(), seen++);
      entries.put(b.id(), last);
    }
    return last;
  }

  /** Records a newly imported block as a leaf. */
  public void onImported(Block block) {
    entry(block);
    tips.remove(block.parent());
    tips.add(block.id());
  }

  /**
   * Moves the head to the best eligible leaf when it has more work than the head (or the head has
   * become ineligible through a checkpoint). Returns the new head when it moved.
   */
  public Optional<Block> reconsider() {
    Block head = chain.head();
    Block best = null;
    Entry bestEntry = null;
    for (Iterator<Hash> it = tips.iterator(); it.hasNext(); ) {
      Block tip = chain.block(it.next()).orElse(null);
      if (tip == null) {
        it.remove();
        continue;
      }
      Entry entry = entry(tip);
      String ineligible = ineligibility(tip);
      if (ineligible != null) {
        if (entry.work().compareTo(work(head)) > 0 && refused.add(tip.id())) {
          metrics.increment("pow.reorg.refused", "reason", ineligible);
        }
        continue;
      }
      if (bestEntry == null || better(entry, bestEntry)) {
        best = tip;
        bestEntry = entry;
      }
    }
    if (best == null || best.id().equals(head.id())) {
      return Optional.empty();
    }
    boolean headEligible = ineligibility(head) == null;
    if (headEligible && bestEntry.work().compareTo(work(head)) <= 0) {
      return Optional.empty();
    }
    long reverted = head.height() - forkPoint(head, best).height();
    chain.setHead(best.id());
    if (reverted > 0) {
      metrics.increment("pow.reorg");
      metrics.record("pow.reorg.depth", reverted);
      deepestReorg = Math.max(deepestReorg, reverted);
    }
    return Optional.of(best);
  }

  /** The newest common ancestor of two blocks in the tree. */
  private Block forkPoint(Block a, Block b) {
    long height = Math.min(a.height(), b.height());
    Block x = view.ancestor(a, height);
    Block y = view.ancestor(b, height);
    while (x != null && y != null && !x.id().equals(y.id())) {
      x = chain.block(x.parent()).orElse(null);
      y = chain.block(y.parent()).orElse(null);
    }
    return x == null || y == null ? chain.finalizedHead() : x;
  }

  /** Most blocks any head change so far has reverted. */
  public long deepestReorg() {
    return deepestReorg;
  }

  private static boolean better(Entry a, Entry b) {
    int byWork = a.work().compareTo(b.work());
    return byWork > 0 || (byWork == 0 && a.firstSeen() < b.firstSeen());
  }

  /** Why {@code tip} may not become the head, or null when it may. */
  private String ineligibility(Block tip) {
    Block finalized = chain.finalizedHead();
    Block atFinal = view.ancestor(tip, finalized.height());
    if (atFinal == null || !atFinal.id().equals(finalized.id())) {
      return "below-finalized";
    }
    Optional<Checkpoint> cp = checkpoint.get();
    if (cp.isPresent()
        && cp.get().height() > finalized.height()
        && tip.height() >= cp.get().height()) {
      Block atCheckpoint = view.ancestor(tip, cp.get().height());
      if (atCheckpoint == null || !atCheckpoint.id().equals(cp.get().blockId())) {
        return "checkpoint";
      }
    }
    return null;
  }

  /** Forgets work and leaves that finality has put out of reach. */
  public void prune() {
    long finalHeight = chain.finalizedHead().height();
    entries.values().removeIf(e -> e.height() < finalHeight);
    tips.removeIf(id -> chain.block(id).map(b -> ineligibility(b) != null).orElse(true));
    refused.removeIf(id -> !chain.contains(id));
  }

  public int tipCount() {
    return tips.size();
  }
}

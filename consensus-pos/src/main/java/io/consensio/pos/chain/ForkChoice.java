package io.consensio.pos.chain;

import io.consensio.api.types.Hash;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The fork-choice rule: among the leaves of the block tree that descend from the highest justified
 * checkpoint (Casper FFG §3, "follow the chain containing the justified checkpoint of the greatest
 * height", which is what keeps finality plausibly live) the head is the one with the most
 * stake-weighted blocks, i.e. the largest sum of its proposers' stakes. Since every candidate
 * descends from the finalized block, comparing the sums from genesis compares them since the last
 * finalized checkpoint, and nothing below finality is ever reorganised.
 *
 * <p>Ties (equal weight, e.g. a contested slot) go to the lower lottery score of the tip, whose
 * owner is drawn exactly in proportion to stake (see {@link io.consensio.pos.lottery.SlotLottery}),
 * then to the lower block id, so every node breaks them the same way. Event-loop thread only.
 */
public final class ForkChoice {
  private static final Comparator<BlockInfo> PREFERENCE =
      Comparator.comparingLong(BlockInfo::cumulativeWeight)
          .thenComparing(Comparator.comparingDouble(BlockInfo::score).reversed())
          .thenComparing(BlockInfo::id, Comparator.reverseOrder());

  private final Set<Hash> tips = new HashSet<>();

  public ForkChoice(Hash root) {
    tips.add(root);
  }

  public void onImported(BlockInfo info) {
    tips.remove(info.parent());
    tips.add(info.id());
  }

  public int tipCount() {
    return tips.size();
  }

  /** The preferred head among the tips descending from {@code justified}. */
  public Hash choose(ChainView view, Hash justified) {
    BlockInfo best = null;
    for (Hash tip : tips) {
      if (!view.isAncestorOrSelf(justified, tip)) {
        continue;
      }
      Optional<BlockInfo> info = view.info(tip);
      if (info.isPresent() && (best == null || PREFERENCE.compare(info.get(), best) > 0)) {
        best = info.get();
      }
    }
    return best == null ? justified : best.id();
  }

  /** Forgets tips whose infos the view pruned (forks that can no longer become canonical). */
  public void prune(ChainView view) {
    tips.removeIf(tip -> !view.isKnown(tip));
    tips.add(view.root().id());
    // The root is a tip only while nothing above it is known.
    if (tips.size() > 1) {
      tips.removeIf(tip -> tip.equals(view.root().id()) && hasKnownChild(view, tip));
    }
  }

  private boolean hasKnownChild(ChainView view, Hash id) {
    for (Hash tip : tips) {
      if (!tip.equals(id) && view.isAncestorOrSelf(id, tip)) {
        return true;
      }
    }
    return false;
  }
}

package io.consensio.pos.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The fork-choice rule on hand-built block trees: most stake-weighted blocks above the justified
 * checkpoint, contested slots to the lower lottery score, then the lower id.
 */
class ForkChoiceTest {
  private static final PublicKey PROPOSER = PublicKey.wrap(new byte[PublicKey.SIZE]);
  private final BlockInfo root = info("root", null, 0, 0, 0, 0);
  // Every info is remembered, so the view never needs the ledger.
  private final ChainView view = new ChainView(null, null, root);
  private final ForkChoice forkChoice = new ForkChoice(root.id());

  private static Hash id(String name) {
    return Hash.sha256(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static BlockInfo info(
      String name, BlockInfo parent, long height, long slot, long weight, double score) {
    return new BlockInfo(
        id(name),
        parent == null ? Hash.ZERO : parent.id(),
        height,
        slot,
        PROPOSER,
        weight,
        score,
        Hash.ZERO,
        Hash.ZERO,
        Collections.emptySortedMap(),
        Collections.emptySortedMap(),
        VrfRegistry.genesis(java.util.Set.of()));
  }

  /** A child of {@code parent} in {@code slot}, proposed with {@code stake}. */
  private BlockInfo child(String name, BlockInfo parent, long slot, long stake, double score) {
    BlockInfo info =
        info(name, parent, parent.height() + 1, slot, parent.cumulativeWeight() + stake, score);
    view.remember(info);
    forkChoice.onImported(info);
    return info;
  }

  @Test
  void aContestedSlotGoesToTheLowerLotteryScoreWhateverTheArrivalOrder() {
    BlockInfo late = child("late-but-lower", root, 3, 1_000, 0.1);
    child("first-but-higher", root, 3, 1_000, 0.4);
    assertThat(forkChoice.choose(view, root.id())).isEqualTo(late.id());
    assertThat(forkChoice.tipCount()).isEqualTo(2);
  }

  @Test
  void moreStakeWeightedBlocksBeatALongerChainOfLessStake() {
    BlockInfo a1 = child("a1", root, 1, 1_000, 0.2);
    BlockInfo heavy = child("a2", a1, 4, 1_000, 0.2);
    BlockInfo b1 = child("b1", root, 2, 300, 0.1);
    BlockInfo b2 = child("b2", b1, 3, 300, 0.1);
    child("b3", b2, 5, 300, 0.1);
    assertThat(forkChoice.choose(view, root.id())).isEqualTo(heavy.id());
  }

  @Test
  void onlyTipsAboveTheJustifiedCheckpointAreCandidates() {
    BlockInfo justified = child("justified", root, 1, 100, 0.5);
    BlockInfo light = child("light", justified, 2, 100, 0.5);
    child("heavy-elsewhere", root, 3, 10_000, 0.1);
    assertThat(forkChoice.choose(view, justified.id())).isEqualTo(light.id());
  }

  @Test
  void equalWeightAndScoreGoToTheLowerIdOnEveryNode() {
    BlockInfo x = child("x", root, 1, 500, 0.3);
    BlockInfo y = child("y", root, 1, 500, 0.3);
    Hash lower = x.id().compareTo(y.id()) < 0 ? x.id() : y.id();
    assertThat(forkChoice.choose(view, root.id())).isEqualTo(lower);
  }

  @Test
  void pruningForgetsForksThatNoLongerDescendFromTheFinalizedBlock() {
    BlockInfo kept = child("kept", root, 1, 500, 0.3);
    child("dropped", root, 2, 500, 0.2);
    BlockInfo next = child("next", kept, 3, 500, 0.3);
    view.prune(kept);
    forkChoice.prune(view);
    assertThat(forkChoice.tipCount()).isEqualTo(1);
    assertThat(forkChoice.choose(view, kept.id())).isEqualTo(next.id());
  }
}

package io.consensio.pow.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.target.ChainWork;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForkChoiceTest {
  private final TestLedger ledger = new TestLedger();
  private final ForkChoice forkChoice =
      new ForkChoice(ledger.chain, ledger.view, () -> ledger.checkpoint, ledger.metrics);

  private Block mine(Block parent, long timestamp) {
    Block block = ledger.mineOn(parent, timestamp);
    forkChoice.onImported(block);
    forkChoice.reconsider();
    return block;
  }

  @Test
  void theChainWithMoreWorkBecomesTheHeadAndTiesStayWithTheFirstSeen() {
    Block genesis = ledger.chain.genesis();
    Block a1 = mine(genesis, 1_000);
    assertThat(ledger.chain.head()).isEqualTo(a1);
    Block b1 = mine(genesis, 1_500);
    assertThat(ledger.chain.head()).as("equal work: first seen wins").isEqualTo(a1);
    Block b2 = mine(b1, 2_500);
    assertThat(ledger.chain.head()).as("more work wins: a reorg").isEqualTo(b2);
    assertThat(forkChoice.work(b2))
        .isEqualTo(ChainWork.ofBits(TestLedger.BITS).multiply(java.math.BigInteger.TWO));
  }

  @Test
  void aHeavierChainThatContradictsTheCheckpointIsRefused() {
    Block genesis = ledger.chain.genesis();
    Block a1 = mine(genesis, 1_000);
    ledger.checkpoint = Optional.of(new Checkpoint(1, a1.id(), Signature.wrap(new byte[64])));
    Block b1 = ledger.seal(ledger.template(genesis, 1_500));
    // b1 was mined before the checkpoint was known to this ledger: import it by the back door.
    ledger.checkpoint = Optional.empty();
    ledger.chain.importBlock(b1);
    ledger.checkpoint = Optional.of(new Checkpoint(1, a1.id(), Signature.wrap(new byte[64])));
    forkChoice.onImported(b1);
    Block b2 = mine(b1, 2_500);
    assertThat(ledger.chain.head()).isEqualTo(a1);
    assertThat(ledger.metrics.counter("pow.reorg.refused", "reason", "checkpoint")).isEqualTo(1);
    assertThat(forkChoice.work(b2)).isGreaterThan(forkChoice.work(a1));
  }

  @Test
  void aHeavierChainForkingBelowTheFinalizedHeadIsRefused() {
    Block genesis = ledger.chain.genesis();
    Block a1 = mine(genesis, 1_000);
    // The heavier fork exists in the tree, but the fork choice hears of it only after a1 is final.
    Block b1 = ledger.mineOn(genesis, 1_500);
    Block b2 = ledger.mineOn(b1, 2_500);
    ledger.chain.markFinal(a1.id());
    forkChoice.prune();
    forkChoice.onImported(b1);
    forkChoice.onImported(b2);
    assertThat(forkChoice.reconsider()).isEmpty();
    assertThat(ledger.chain.head()).isEqualTo(a1);
    assertThat(ledger.metrics.counter("pow.reorg.refused", "reason", "below-finalized"))
        .isEqualTo(1);
  }

  @Test
  void aHeadThatLosesItsCheckpointMovesToTheCheckpointedChainEvenWithLessWork() {
    Block genesis = ledger.chain.genesis();
    Block a1 = mine(genesis, 1_000);
    Block b1 = mine(genesis, 1_500);
    Block b2 = mine(b1, 2_500);
    assertThat(ledger.chain.head()).isEqualTo(b2);
    ledger.checkpoint = Optional.of(new Checkpoint(1, a1.id(), Signature.wrap(new byte[64])));
    assertThat(forkChoice.reconsider()).contains(a1);
  }
}

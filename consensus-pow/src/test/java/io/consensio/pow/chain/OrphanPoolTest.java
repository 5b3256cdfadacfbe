package io.consensio.pow.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.pow.sync.OrphanPool;
import org.junit.jupiter.api.Test;

class OrphanPoolTest {
  private final TestLedger ledger = new TestLedger();

  @Test
  void heldChainsNameTheirMissingRootAndReleaseChildrenInOrder() {
    Block b1 = ledger.mineOn(ledger.chain.genesis(), 1_000);
    Block b2 = ledger.mineOn(b1, 2_000);
    Block b3 = ledger.mineOn(b2, 3_000);
    OrphanPool pool = new OrphanPool(10);
    assertThat(pool.add(b3)).isTrue();
    assertThat(pool.add(b2)).isTrue();
    assertThat(pool.add(b3)).isFalse();
    assertThat(pool.missingAncestor(b3)).isEqualTo(b1.id());
    assertThat(pool.takeChildren(b1.id())).containsExactly(b2);
    assertThat(pool.takeChildren(b2.id())).containsExactly(b3);
    assertThat(pool.size()).isZero();
  }

  @Test
  void theOldestEntryGoesWhenFullAndFinalityDropsTheRest() {
    Block b1 = ledger.mineOn(ledger.chain.genesis(), 1_000);
    Block b2 = ledger.mineOn(b1, 2_000);
    Block b3 = ledger.mineOn(b2, 3_000);
    OrphanPool pool = new OrphanPool(2);
    pool.add(b1);
    pool.add(b2);
    pool.add(b3);
    assertThat(pool.contains(b1.id())).isFalse();
    assertThat(pool.size()).isEqualTo(2);
    pool.dropAtOrBelow(2);
    assertThat(pool.contains(b2.id())).isFalse();
    assertThat(pool.contains(b3.id())).isTrue();
  }
}

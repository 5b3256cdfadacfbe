package io.consensio.runtime.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two branches from genesis: A (g → a1 → a2) pays carol, B (g → b1 → b2 → b3) pays bob and carol
 * different amounts. Each test moves the head between them.
 */
class ChainHeadAndFinalityTest {
  private final ChainFixture f = new ChainFixture();
  private final ChainStoreImpl chain = f.newChain();
  private final List<List<Block>> reverts = new ArrayList<>();
  private final List<List<Block>> applies = new ArrayList<>();

  private Transaction aliceToCarol;
  private Transaction bobToCarol;
  private Block a1;
  private Block a2;
  private Block b1;
  private Block b2;
  private Block b3;

  @BeforeEach
  void buildBothBranches() {
    chain.addHeadListener(
        (reverted, applied) -> {
          reverts.add(reverted);
          applies.add(applied);
        });
    Block g = chain.genesis();
    aliceToCarol = f.transfer(f.alice, 0, f.carol.publicKey(), 100);
    a1 = f.extend(chain, g, List.of(aliceToCarol));
    a2 = f.extend(chain, a1, List.of(f.transfer(f.alice, 1, f.carol.publicKey(), 200)));
    bobToCarol = f.transfer(f.bob, 0, f.carol.publicKey(), 7);
    b1 = f.extend(chain, g, List.of(bobToCarol));
    b2 = f.extend(chain, b1, List.of(f.transfer(f.alice, 0, f.bob.publicKey(), 50)));
    b3 = f.extend(chain, b2, List.of());
  }

  @Test
  void extendingTheHeadNotifiesOnlyAppliedBlocks() {
    chain.setHead(a1.id());
    chain.setHead(a2.id());

    assertThat(reverts).containsExactly(List.of(), List.of());
    assertThat(applies).containsExactly(List.of(a1), List.of(a2));
    assertThat(chain.head()).isEqualTo(a2);
    assertThat(chain.headState().balance(f.carol.publicKey())).isEqualTo(300);
    assertThat(chain.canonicalAt(2)).contains(a2);
  }

  @Test
  void aReorgRevertsNewestFirstAppliesOldestFirstAndMatchesAFreshReplay() {
    chain.setHead(a2.id());
    reverts.clear();
    applies.clear();

    chain.setHead(b3.id());

    assertThat(reverts).containsExactly(List.of(a2, a1));
    assertThat(applies).containsExactly(List.of(b1, b2, b3));
    ChainStoreImpl fresh = f.newChain();
    for (Block block : List.of(b1, b2, b3)) {
      assertThat(fresh.importBlock(block)).isEqualTo(ImportResult.IMPORTED);
    }
    fresh.setHead(b3.id());
    LedgerState afterReorg = chain.headState();
    LedgerState replayed = fresh.headState();
    assertThat(afterReorg.stateRoot()).isEqualTo(replayed.stateRoot());
    for (var key : List.of(f.alice, f.bob, f.carol)) {
      assertThat(afterReorg.account(key.publicKey())).isEqualTo(replayed.account(key.publicKey()));
    }
    assertThat(afterReorg.balance(f.carol.publicKey())).isEqualTo(7);
  }

  @Test
  void aReorgMovesTheCanonicalChainAndItsTransactionIndex() {
    chain.setHead(a2.id());
    assertThat(chain.findTransaction(aliceToCarol.id()))
        .contains(new TxLocation(a1.id(), 1, 0, false));

    chain.setHead(b3.id());

    assertThat(chain.isCanonical(a1.id())).isFalse();
    assertThat(chain.isCanonical(b2.id())).isTrue();
    assertThat(chain.canonicalAt(3)).contains(b3);
    assertThat(chain.findTransaction(aliceToCarol.id())).isEmpty();
    assertThat(chain.findTransaction(bobToCarol.id()))
        .contains(new TxLocation(b1.id(), 1, 0, false));
  }

  @Test
  void reorgingToAShorterBranchDropsTheHigherCanonicalHeights() {
    chain.setHead(b3.id());

    chain.setHead(a2.id());

    assertThat(chain.canonicalAt(3)).isEmpty();
    assertThat(reverts.get(1)).containsExactly(b3, b2, b1);
    assertThat(applies.get(1)).containsExactly(a1, a2);
  }

  @Test
  void aFinalBlockNeverReverts() {
    chain.setHead(a2.id());
    chain.markFinal(a1.id());
    int notifications = applies.size();

    assertThatThrownBy(() -> chain.setHead(b3.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finalized");
    assertThat(chain.head()).isEqualTo(a2);
    assertThat(chain.headState().balance(f.carol.publicKey())).isEqualTo(300);
    assertThat(applies).hasSize(notifications);
  }

  @Test
  void theHeadCannotMoveBelowTheFinalizedHead() {
    chain.setHead(a2.id());
    chain.markFinal(a2.id());

    assertThatThrownBy(() -> chain.setHead(a1.id())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyCanonicalBlocksCanBeFinalized() {
    chain.setHead(a2.id());

    assertThatThrownBy(() -> chain.markFinal(b1.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical");
    assertThat(chain.finalizedHead()).isEqualTo(chain.genesis());
  }

  @Test
  void finalityOnlyMovesForward() {
    chain.setHead(a2.id());
    chain.markFinal(a2.id());

    chain.markFinal(a1.id());

    assertThat(chain.finalizedHead()).isEqualTo(a2);
  }

  @Test
  void transactionsBecomeFinalWithTheirBlock() {
    chain.setHead(a2.id());
    chain.markFinal(a1.id());

    assertThat(chain.findTransaction(aliceToCarol.id()).map(TxLocation::isFinal)).contains(true);
  }

  @Test
  void finalityDropsOldFinalStatesAndAbandonedForks() {
    chain.setHead(a2.id());
    Block a3 = f.extend(chain, a2, List.of());
    chain.setHead(a3.id());

    chain.markFinal(a2.id());

    assertThat(chain.stateAt(chain.genesis().id())).isEmpty();
    assertThat(chain.stateAt(a1.id())).isEmpty();
    assertThat(chain.stateAt(b1.id())).isEmpty();
    assertThat(chain.stateAt(b3.id())).isEmpty();
    assertThat(chain.stateAt(a2.id())).isPresent();
    assertThat(chain.stateAt(a3.id())).isPresent();
    Block onAbandonedFork = f.handmade(b3, List.of(), b3.header().timestampMillis() + 1, Hash.ZERO);
    assertThat(chain.importBlock(onAbandonedFork))
        .isEqualTo(ImportResult.invalid("fork-below-finalized"));
  }

  @Test
  void theCanonicalHeadKeepsItsStateWhenFinalityIsBelowIt() {
    chain.setHead(a2.id());

    chain.markFinal(a1.id());

    assertThat(chain.stateAt(a2.id())).isPresent();
    assertThat(chain.stateAt(a1.id())).isPresent();
    assertThat(chain.stateAt(b2.id())).isEmpty();
  }

  @Test
  void commitImportsMovesTheHeadAndFinalizesInOneStep() {
    chain.setHead(a2.id());
    Block a3 = f.child(chain, a2, List.of());

    assertThat(chain.commit(a3)).isEqualTo(ImportResult.IMPORTED);

    assertThat(chain.head()).isEqualTo(a3);
    assertThat(chain.finalizedHead()).isEqualTo(a3);
  }

  @Test
  void anUnknownHeadIsRefused() {
    assertThatThrownBy(() -> chain.setHead(Hash.sha256(new byte[] {9})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

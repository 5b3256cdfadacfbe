package io.consensio.runtime.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private final ChainFixture f = new ChainFixture();
  private final ChainStoreImpl source = f.newChain();
  private Block b1;
  private Block b2;

  @BeforeEach
  void growTheSourceChain() {
    b1 =
        f.extend(
            source,
            source.genesis(),
            List.of(
                f.transfer(f.alice, 0, f.carol.publicKey(), 500),
                Transaction.sign(f.bob, 0, 0, new TxPayload.RegisterCandidate(60))));
    b2 =
        f.extend(
            source,
            b1,
            List.of(
                Transaction.sign(f.carol, 0, 0, new TxPayload.Vote(List.of(f.bob.publicKey()))),
                Transaction.sign(f.alice, 1, 0, new TxPayload.Stake(200))));
    source.setHead(b2.id());
    source.markFinal(b2.id());
  }

  @Test
  void anInstalledSnapshotHasTheSameStateAndCanImportTheNextBlock() {
    InMemoryDurableStore store = new InMemoryDurableStore();
    ChainStoreImpl target = f.newChain(store);
    List<List<Block>> applied = new ArrayList<>();
    target.addHeadListener((reverted, blocks) -> applied.add(blocks));

    target.installSnapshot(b2, source.exportState(b2.id()));

    assertThat(target.head()).isEqualTo(b2);
    assertThat(target.finalizedHead()).isEqualTo(b2);
    assertThat(target.headState().stateRoot()).isEqualTo(source.headState().stateRoot());
    assertThat(target.headState().votes()).isEqualTo(source.headState().votes());
    assertThat(target.canonicalAt(1)).isEmpty();
    assertThat(applied).containsExactly(List.of(b2));

    Block b3 = f.child(source, b2, List.of(f.transfer(f.carol, 1, f.bob.publicKey(), 10)));
    assertThat(source.importBlock(b3)).isEqualTo(ImportResult.IMPORTED);
    assertThat(target.importBlock(b3)).isEqualTo(ImportResult.IMPORTED);
    target.setHead(b3.id());
    assertThat(target.headState().stateRoot())
        .isEqualTo(source.stateAt(b3.id()).orElseThrow().stateRoot());

    ChainStoreImpl reopened = f.reopen(store);
    assertThat(reopened.head()).isEqualTo(b3);
    assertThat(reopened.finalizedHead()).isEqualTo(b2);
    assertThat(reopened.headState().stateRoot()).isEqualTo(target.headState().stateRoot());
  }

  @Test
  void aStateThatDoesNotMatchTheBlockIsRefused() {
    ChainStoreImpl target = f.newChain();

    assertThatThrownBy(() -> target.installSnapshot(b1, source.exportState(b2.id())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state root");
    assertThat(target.head()).isEqualTo(target.genesis());
  }

  @Test
  void malformedStateBytesAreRefused() {
    ChainStoreImpl target = f.newChain();
    byte[] state = source.exportState(b2.id());
    byte[] truncated = Arrays.copyOf(state, state.length - 3);

    assertThatThrownBy(() -> target.installSnapshot(b2, truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void aSnapshotNotBeyondTheFinalizedHeadIsRefused() {
    ChainStoreImpl target = f.newChain();
    target.installSnapshot(b2, source.exportState(b2.id()));

    assertThatThrownBy(() -> target.installSnapshot(b2, source.exportState(b2.id())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finalized");
  }

  @Test
  void exportingAPrunedStateIsRefused() {
    assertThatThrownBy(() -> source.exportState(b1.id()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

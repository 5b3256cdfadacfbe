package io.consensio.runtime.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A long-running node must not hold its whole chain in memory: old final blocks leave memory, and
 * everything a user or an engine asks about them is still answered from the store.
 */
class ChainMemoryBoundTest {
  private static final int LENGTH = 3 * ChainStoreImpl.RETAINED_FINAL_BLOCKS + 10;

  private final ChainFixture f = new ChainFixture();
  private final InMemoryDurableStore store = new InMemoryDurableStore();
  private final ChainStoreImpl chain = f.newChain(store);
  private final List<Block> blocks = new ArrayList<>();
  private final List<Transaction> txs = new ArrayList<>();

  /** A chain of LENGTH blocks, one transfer each, every block final as soon as it is the head. */
  private void grow() {
    Block parent = chain.genesis();
    for (int i = 0; i < LENGTH; i++) {
      Transaction tx = f.transfer(i % 2 == 0 ? f.alice : f.bob, i / 2, f.carol.publicKey(), 1);
      Block block = f.extend(chain, parent, List.of(tx));
      chain.setHead(block.id());
      chain.markFinal(block.id());
      blocks.add(block);
      txs.add(tx);
      parent = block;
    }
  }

  @Test
  void oldFinalBlocksLeaveMemory() {
    grow();

    assertThat(chain.blocksInMemory())
        .as("blocks held in memory after %d final blocks", LENGTH)
        .isLessThanOrEqualTo(ChainStoreImpl.RETAINED_FINAL_BLOCKS + 2);
  }

  @Test
  void oldBlocksAndTransactionsAreStillFoundById_height_andTransaction() {
    grow();

    for (int i = 0; i < LENGTH; i++) {
      Block block = blocks.get(i);
      assertThat(chain.block(block.id())).as("block %d by id", i + 1).contains(block);
      assertThat(chain.contains(block.id())).isTrue();
      assertThat(chain.canonicalAt(block.height())).as("height %d", i + 1).contains(block);
      assertThat(chain.isCanonical(block.id())).isTrue();
      TxLocation location = chain.findTransaction(txs.get(i).id()).orElseThrow();
      assertThat(location.blockId()).isEqualTo(block.id());
      assertThat(location.height()).isEqualTo(block.height());
      assertThat(location.index()).isZero();
      assertThat(location.isFinal()).isTrue();
    }
    assertThat(chain.canonicalAt(LENGTH + 1L)).isEmpty();
    assertThat(chain.headState().balance(f.carol.publicKey())).isEqualTo(LENGTH);
  }

  @Test
  void anOldBlockOfferedAgainIsKnown_andAForkOffItIsRefused() {
    grow();
    Block old = blocks.get(0);

    assertThat(chain.importBlock(old)).isEqualTo(ImportResult.ALREADY_KNOWN);
    Block fork =
        f.handmade(old, List.of(), old.header().timestampMillis() + 500, old.header().stateRoot());
    assertThat(chain.importBlock(fork).reason()).isEqualTo("fork-below-finalized");
  }

  @Test
  void aReopenedLongChainAnswersTheSameAndStaysBounded() {
    grow();

    ChainStoreImpl reopened = f.reopen(store);

    assertThat(reopened.head()).isEqualTo(chain.head());
    assertThat(reopened.blocksInMemory())
        .isLessThanOrEqualTo(ChainStoreImpl.RETAINED_FINAL_BLOCKS + 2);
    assertThat(reopened.canonicalAt(1)).contains(blocks.get(0));
    assertThat(reopened.findTransaction(txs.get(0).id()).orElseThrow().blockId())
        .isEqualTo(blocks.get(0).id());
    Block next = f.child(reopened, reopened.head(), List.of());
    assertThat(reopened.importBlock(next)).isEqualTo(ImportResult.IMPORTED);
  }

  @Test
  void aReorgAboveFinalityMovesTheStoredTransactionIndex() {
    Block a1 = f.extend(chain, chain.genesis(), List.of());
    Transaction tx = f.transfer(f.alice, 0, f.carol.publicKey(), 5);
    Block a2 = f.extend(chain, a1, List.of(tx));
    chain.setHead(a2.id());
    Block b2 = f.extend(chain, a1, List.of());
    Block b3 = f.extend(chain, b2, List.of(tx));
    chain.setHead(b3.id());
    chain.markFinal(b3.id());
    // bury the reorg deep enough that its blocks leave memory
    Block parent = b3;
    for (int i = 0; i < ChainStoreImpl.RETAINED_FINAL_BLOCKS + 5; i++) {
      parent = f.extend(chain, parent, List.of());
      chain.setHead(parent.id());
      chain.markFinal(parent.id());
    }

    TxLocation location = chain.findTransaction(tx.id()).orElseThrow();
    assertThat(location.blockId()).isEqualTo(b3.id());
    assertThat(location.height()).isEqualTo(3);
    assertThat(chain.canonicalAt(2)).contains(b2);
    assertThat(chain.isCanonical(a2.id())).isFalse();
    assertThat(chain.block(a2.id())).contains(a2);
  }
}

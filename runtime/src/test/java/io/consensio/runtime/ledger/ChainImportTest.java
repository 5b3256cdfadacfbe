package io.consensio.runtime.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChainImportTest {
  private final ChainFixture f = new ChainFixture();
  private final ChainStoreImpl chain = f.newChain();
  private final Block genesis = chain.genesis();

  private ImportResult.Status statusOf(ImportResult result) {
    return result.status();
  }

  @Test
  void aValidBlockIsImportedWithItsStateButDoesNotMoveTheHead() {
    Block block =
        f.child(chain, genesis, List.of(f.transfer(f.alice, 0, f.carol.publicKey(), 250)));

    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.IMPORTED);

    assertThat(chain.contains(block.id())).isTrue();
    LedgerState state = chain.stateAt(block.id()).orElseThrow();
    assertThat(state.balance(f.carol.publicKey())).isEqualTo(250);
    assertThat(state.balance(f.alice.publicKey())).isEqualTo(10_000 - 251);
    assertThat(state.balance(f.miner)).isEqualTo(1);
    assertThat(state.blockId()).isEqualTo(block.id());
    assertThat(state.height()).isEqualTo(1);
    assertThat(chain.head()).isEqualTo(genesis);
    assertThat(chain.isCanonical(block.id())).isFalse();
  }

  @Test
  void aKnownBlockIsReportedAsAlreadyKnown() {
    Block block = f.extend(chain, genesis, List.of());

    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.ALREADY_KNOWN);
  }

  @Test
  void aKnownBlockWithANewValidSealReplacesTheStoredSealEvenOnceCanonicalAndFinal() {
    byte[] certificate = "certificate".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    chain.setSealChecker(
        (block, parentState) ->
            java.util.Arrays.equals(block.header().seal(), ChainFixture.GOOD_SEAL)
                    || java.util.Arrays.equals(block.header().seal(), certificate)
                ? io.consensio.api.SealVerdict.VALID
                : io.consensio.api.SealVerdict.reject("not-good"));
    Block proposal = f.extend(chain, genesis, List.of());
    Block certified = proposal.withSeal(certificate);

    assertThat(chain.commit(certified)).isEqualTo(ImportResult.ALREADY_KNOWN);
    assertThat(chain.block(proposal.id()).orElseThrow().header().seal()).isEqualTo(certificate);
    assertThat(chain.finalizedHead().header().seal()).isEqualTo(certificate);
    assertThat(chain.canonicalAt(1).orElseThrow().header().seal()).isEqualTo(certificate);
  }

  @Test
  void aKnownBlockWithASealTheEngineRefusesKeepsItsSeal() {
    Block block = f.extend(chain, genesis, List.of());
    Block forged = block.withSeal(new byte[] {6, 6, 6});

    assertThat(chain.importBlock(forged)).isEqualTo(ImportResult.ALREADY_KNOWN);
    assertThat(chain.block(block.id()).orElseThrow().header().seal())
        .isEqualTo(ChainFixture.GOOD_SEAL);
  }

  @Test
  void aBlockWhoseParentIsMissingIsReportedAsUnknownParent() {
    ChainStoreImpl other = f.newChain();
    Block b1 = f.extend(other, other.genesis(), List.of());
    Block b2 = f.child(other, b1, List.of());

    assertThat(statusOf(chain.importBlock(b2))).isEqualTo(ImportResult.Status.UNKNOWN_PARENT);
    assertThat(chain.importBlock(b1)).isEqualTo(ImportResult.IMPORTED);
    assertThat(chain.importBlock(b2)).isEqualTo(ImportResult.IMPORTED);
  }

  @Test
  void aBlockAtTheWrongHeightIsRefused() {
    Block valid = f.child(chain, genesis, List.of());
    Block wrongHeight =
        new Block(
            new io.consensio.api.types.BlockHeader(
                2,
                genesis.id(),
                valid.header().timestampMillis(),
                f.miner,
                valid.header().txRoot(),
                valid.header().stateRoot(),
                ChainFixture.GOOD_SEAL),
            List.of());

    assertThat(chain.importBlock(wrongHeight)).isEqualTo(ImportResult.invalid("bad-height"));
  }

  @Test
  void aBlockOlderThanItsParentIsRefused() {
    Block block = f.handmade(genesis, List.of(), ChainFixture.GENESIS_TIME - 1, Hash.ZERO);

    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.invalid("time-before-parent"));
  }

  @Test
  void aBlockTooFarInTheFutureIsRefusedButTheDriftLimitItselfIsAccepted() {
    long limit = f.clock.nowMillis() + ChainFixture.RULES.maxFutureDriftMillis();
    Block tooLate = chain.buildBlock(genesis.id(), List.of(), limit + 1, f.miner);
    Block atLimit = chain.buildBlock(genesis.id(), List.of(), limit, f.miner);

    assertThat(chain.importBlock(tooLate.withSeal(ChainFixture.GOOD_SEAL)))
        .isEqualTo(ImportResult.invalid("time-too-far-in-future"));
    assertThat(chain.importBlock(atLimit.withSeal(ChainFixture.GOOD_SEAL)))
        .isEqualTo(ImportResult.IMPORTED);
  }

  @Test
  void aBlockWithMoreTransactionsThanTheLimitIsRefused() {
    List<Transaction> txs = new ArrayList<>();
    for (int nonce = 0; nonce <= ChainFixture.RULES.maxBlockTransactions(); nonce++) {
      txs.add(f.transfer(f.alice, nonce, f.bob.publicKey(), 1));
    }
    Block block = f.handmade(genesis, txs, ChainFixture.GENESIS_TIME + 1, Hash.ZERO);

    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.invalid("too-many-transactions"));
  }

  @Test
  void aBlockLargerThanTheByteLimitIsRefused() {
    Transaction big =
        Transaction.sign(f.alice, 0, 0, new TxPayload.KvPut(new byte[] {1}, new byte[2_500]));
    Block block = f.handmade(genesis, List.of(big), ChainFixture.GENESIS_TIME + 1, Hash.ZERO);

    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.invalid("block-too-large"));
  }

  @Test
  void transactionsThatDoNotMatchTheTxRootAreRefused() {
    Block valid = f.child(chain, genesis, List.of(f.transfer(f.alice, 0, f.bob.publicKey(), 5)));
    Block swapped =
        new Block(valid.header(), List.of(f.transfer(f.alice, 0, f.bob.publicKey(), 6)));

    assertThat(chain.importBlock(swapped)).isEqualTo(ImportResult.invalid("bad-tx-root"));
  }

  @Test
  void theSameTransactionTwiceInOneBlockIsRefused() {
    Transaction tx = f.transfer(f.alice, 0, f.bob.publicKey(), 5);
    Block block = f.handmade(genesis, List.of(tx, tx), ChainFixture.GENESIS_TIME + 1, Hash.ZERO);

    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.invalid("duplicate-transaction"));
  }

  @Test
  void aTransactionAlreadyOnTheAncestryFailsOnItsSpentNonce() {
    Transaction tx = f.transfer(f.alice, 0, f.bob.publicKey(), 5);
    Block first = f.extend(chain, genesis, List.of(tx));
    Block replay =
        f.handmade(
            first,
            List.of(tx),
            first.header().timestampMillis() + 1,
            chain.stateAt(first.id()).orElseThrow().stateRoot());

    assertThat(chain.importBlock(replay)).isEqualTo(ImportResult.invalid("tx-rejected: bad-nonce"));
  }

  @Test
  void aForgedSignatureIsRefused() {
    Transaction honest = f.transfer(f.alice, 0, f.bob.publicKey(), 5);
    Transaction forged =
        Transaction.of(
            f.alice.publicKey(),
            0,
            1,
            new TxPayload.Transfer(f.bob.publicKey(), 5),
            f.bob.sign(new byte[] {1, 2, 3}));
    Block valid = f.child(chain, genesis, List.of(honest));
    Block block =
        f.handmade(
            genesis, List.of(forged), valid.header().timestampMillis(), valid.header().stateRoot());

    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.invalid("bad-signature"));
  }

  @Test
  void withSignatureChecksTurnedOffInTheGenesisAnUnsignedTransactionIsAccepted() {
    BlockChecks checks =
        new BlockChecks(
            ChainFixture.RULES.withVerifyTransactionSignatures(false),
            f.clock,
            io.consensio.api.crypto.Ed25519Verifier.INSTANCE);
    Transaction unsigned =
        Transaction.of(
            f.alice.publicKey(),
            0,
            1,
            new TxPayload.Transfer(f.bob.publicKey(), 5),
            f.bob.sign(new byte[] {1, 2, 3}));
    Block block =
        f.handmade(
            genesis,
            List.of(unsigned),
            genesis.header().timestampMillis() + 1_000,
            genesis.header().stateRoot());

    assertThat(checks.check(block, genesis)).isEmpty();
    assertThat(
            new BlockChecks(
                    ChainFixture.RULES, f.clock, io.consensio.api.crypto.Ed25519Verifier.INSTANCE)
                .check(block, genesis))
        .contains("bad-signature");
  }

  @Test
  void signaturesTheMempoolVerifiedAreNotCheckedAgain() {
    AtomicInteger verifications = new AtomicInteger();
    Verifier counting =
        (key, message, signature) -> {
          verifications.incrementAndGet();
          return Ed25519Verifier.INSTANCE.verify(key, message, signature);
        };
    ChainStoreImpl counted = f.newChain(new InMemoryDurableStore(), counting);
    Transaction known = f.transfer(f.alice, 0, f.bob.publicKey(), 5);
    Transaction unknown = f.transfer(f.bob, 0, f.alice.publicKey(), 5);
    counted.setAlreadyVerified(tx -> tx.equals(known));

    Block block = f.child(counted, counted.genesis(), List.of(known, unknown));

    assertThat(counted.importBlock(block)).isEqualTo(ImportResult.IMPORTED);
    assertThat(verifications).hasValue(1);
  }

  @Test
  void aTransactionInvalidOnTheParentStateIsRefusedWithItsReason() {
    Transaction overspend = f.transfer(f.carol, 0, f.bob.publicKey(), 5);
    Block block = f.handmade(genesis, List.of(overspend), ChainFixture.GENESIS_TIME + 1, Hash.ZERO);

    assertThat(chain.importBlock(block))
        .isEqualTo(ImportResult.invalid("tx-rejected: insufficient-balance"));
  }

  @Test
  void aWrongStateRootIsRefused() {
    Block valid = f.child(chain, genesis, List.of(f.transfer(f.alice, 0, f.bob.publicKey(), 5)));
    Block wrongRoot =
        f.handmade(
            genesis,
            valid.transactions(),
            valid.header().timestampMillis(),
            Hash.sha256(new byte[1]));

    assertThat(chain.importBlock(wrongRoot)).isEqualTo(ImportResult.invalid("bad-state-root"));
    assertThat(chain.contains(wrongRoot.id())).isFalse();
  }

  @Test
  void theEnginesSealVerdictIsCheckedLastAgainstTheParentState() {
    List<LedgerState> seen = new ArrayList<>();
    chain.setSealChecker(
        (block, parentState) -> {
          seen.add(parentState);
          return SealVerdict.reject("wrong-proposer");
        });
    Block block = f.child(chain, genesis, List.of());

    assertThat(chain.importBlock(block))
        .isEqualTo(ImportResult.invalid("bad-seal: wrong-proposer"));
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).blockId()).isEqualTo(genesis.id());
    assertThat(chain.contains(block.id())).isFalse();
  }

  @Test
  void withoutASealCheckerEveryBlockIsRefused() {
    ChainStoreImpl bare =
        new ChainStoreImpl(
            f.genesis, new InMemoryDurableStore(), f.clock, Ed25519Verifier.INSTANCE, Metrics.NOOP);
    Block block = f.child(bare, bare.genesis(), List.of());

    assertThat(bare.importBlock(block).reason()).startsWith("bad-seal:");
  }

  @Test
  void aThrowingSealCheckerRefusesTheBlockInsteadOfCrashing() {
    chain.setSealChecker(
        (block, parentState) -> {
          throw new IllegalStateException("engine bug");
        });

    ImportResult result = chain.importBlock(f.child(chain, genesis, List.of()));

    assertThat(result.reason()).isEqualTo("bad-seal: seal check failed: IllegalStateException");
  }

  @Test
  void buildBlockLeavesOutTransactionsInvalidOnTheParent() {
    Transaction valid = f.transfer(f.alice, 0, f.bob.publicKey(), 5);
    Transaction badNonce = f.transfer(f.bob, 7, f.alice.publicKey(), 5);

    Block block = chain.buildBlock(genesis.id(), List.of(badNonce, valid), 2_000_000, f.miner);

    assertThat(block.transactions()).containsExactly(valid);
    assertThat(block.hasConsistentTxRoot()).isTrue();
    assertThat(block.height()).isEqualTo(1);
    assertThat(block.header().sealLength()).isZero();
  }
}

package io.consensio.runtime.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.services.DurableStore;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.state.TestKeys;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A small chain for ledger tests: two funded accounts, a miner, a hand-set clock. */
final class ChainFixture {
  static final long GENESIS_TIME = 1_000_000;
  static final LedgerRules RULES = new LedgerRules(0, 100, 3, 50, 4, 2_000, 5_000);
  static final byte[] GOOD_SEAL = "good".getBytes(StandardCharsets.UTF_8);

  final Ed25519KeyPair alice = TestKeys.key(1);
  final Ed25519KeyPair bob = TestKeys.key(2);
  final Ed25519KeyPair carol = TestKeys.key(3);
  final PublicKey miner = TestKeys.key(9).publicKey();
  final FakeScheduler clock = new FakeScheduler(GENESIS_TIME + 3_600_000);
  final Genesis genesis =
      new Genesis(
          "test-chain",
          GENESIS_TIME,
          List.of(
              new Genesis.GenesisAccount(alice.publicKey(), 10_000, 0),
              new Genesis.GenesisAccount(bob.publicKey(), 10_000, 0)),
          List.of(),
          RULES);

  ChainStoreImpl newChain() {
    return newChain(new InMemoryDurableStore());
  }

  ChainStoreImpl newChain(DurableStore store) {
    return acceptingGoodSeals(
        new ChainStoreImpl(genesis, store, clock, Ed25519Verifier.INSTANCE, Metrics.NOOP));
  }

  ChainStoreImpl newChain(DurableStore store, Verifier verifier) {
    return acceptingGoodSeals(new ChainStoreImpl(genesis, store, clock, verifier, Metrics.NOOP));
  }

  ChainStoreImpl reopen(DurableStore store) {
    return acceptingGoodSeals(
        ChainStoreImpl.reopen(genesis, store, clock, Ed25519Verifier.INSTANCE, Metrics.NOOP));
  }

  static ChainStoreImpl acceptingGoodSeals(ChainStoreImpl chain) {
    chain.setSealChecker(
        (block, parentState) ->
            java.util.Arrays.equals(block.header().seal(), GOOD_SEAL)
                ? SealVerdict.VALID
                : SealVerdict.reject("not-good"));
    return chain;
  }

  /** A sealed child of {@code parent} cut by the chain itself, one second after it. */
  Block child(ChainStoreImpl chain, Block parent, List<Transaction> txs) {
    return chain
        .buildBlock(parent.id(), txs, parent.header().timestampMillis() + 1_000, miner)
        .withSeal(GOOD_SEAL);
  }

  /** Builds, seals and imports a child of {@code parent}. */
  Block extend(ChainStoreImpl chain, Block parent, List<Transaction> txs) {
    Block block = child(chain, parent, txs);
    assertThat(chain.importBlock(block)).isEqualTo(ImportResult.IMPORTED);
    return block;
  }

  /** A block assembled by hand, with whatever roots the test wants. */
  Block handmade(Block parent, List<Transaction> txs, long timestamp, Hash stateRoot) {
    BlockHeader header =
        new BlockHeader(
            parent.height() + 1,
            parent.id(),
            timestamp,
            miner,
            MerkleTree.rootOfTransactions(txs),
            stateRoot,
            GOOD_SEAL);
    return new Block(header, txs);
  }

  Transaction transfer(Ed25519KeyPair from, long nonce, PublicKey to, long amount) {
    return Transaction.sign(from, nonce, 1, new TxPayload.Transfer(to, amount));
  }
}

package io.consensio.bench;

import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.mempool.MempoolConfig;
import io.consensio.runtime.mempool.MempoolImpl;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A funded chain and 1,000 signed transfers for {@link LedgerBenchmark}: 100 senders with ten
 * transfers each (nonces 0-9, within the mempool's nonce gap), an in-memory store, a clock an hour
 * after genesis, and a seal checker that accepts exactly {@link #SEAL}, so that the import cost
 * measured is the ledger's own and not a consensus engine's.
 */
final class LedgerFixture {
  static final int SENDERS = 100;
  static final int TRANSFERS_PER_SENDER = 10;
  static final int TRANSFERS = SENDERS * TRANSFERS_PER_SENDER;
  static final byte[] SEAL = "benchmark-seal".getBytes(StandardCharsets.US_ASCII);
  private static final long GENESIS_TIME = 1_000_000;

  final FixedClock clock = new FixedClock(GENESIS_TIME + 3_600_000);
  final List<Ed25519KeyPair> senders = BenchKeys.keys(SENDERS);
  final Genesis genesis;
  final List<Transaction> transfers;

  LedgerFixture() {
    List<Genesis.GenesisAccount> accounts = new ArrayList<>();
    for (Ed25519KeyPair sender : senders) {
      accounts.add(new Genesis.GenesisAccount(sender.publicKey(), 1_000_000, 0));
    }
    genesis = new Genesis("bench-chain", GENESIS_TIME, accounts, List.of(), LedgerRules.DEFAULTS);
    transfers = new ArrayList<>(TRANSFERS);
    for (int nonce = 0; nonce < TRANSFERS_PER_SENDER; nonce++) {
      for (Ed25519KeyPair sender : senders) {
        transfers.add(
            Transaction.sign(
                sender, nonce, 1, new TxPayload.Transfer(BenchKeys.RECIPIENT.publicKey(), 5)));
      }
    }
  }

  /** A fresh ledger at genesis on an empty in-memory store. */
  ChainStoreImpl newChain() {
    ChainStoreImpl chain =
        new ChainStoreImpl(
            genesis, new InMemoryDurableStore(), clock, Ed25519Verifier.INSTANCE, Metrics.NOOP);
    chain.setSealChecker(
        (block, parentState) ->
            Arrays.equals(block.header().seal(), SEAL)
                ? SealVerdict.VALID
                : SealVerdict.reject("not-the-benchmark-seal"));
    return chain;
  }

  /**
   * The sealed child of genesis carrying all transfers, built by another ledger instance: an
   * importer that built the block itself would skip execution (it caches the state it built), and a
   * peer's block is what import normally sees.
   */
  Block blockOfAllTransfers() {
    ChainStoreImpl proposer = newChain();
    Block genesisBlock = proposer.genesis();
    Block block =
        proposer
            .buildBlock(
                genesisBlock.id(),
                transfers,
                genesisBlock.header().timestampMillis() + 1_000,
                BenchKeys.RECIPIENT.publicKey())
            .withSeal(SEAL);
    if (block.transactions().size() != TRANSFERS) {
      throw new IllegalStateException(
          "the proposer packed " + block.transactions().size() + " of " + TRANSFERS + " transfers");
    }
    return block;
  }

  /** An empty mempool admitting against {@code chain}'s head state. */
  MempoolImpl newMempool(ChainStoreImpl chain) {
    return new MempoolImpl(
        chain::headState,
        Ed25519Verifier.INSTANCE,
        clock,
        Metrics.NOOP,
        MempoolConfig.DEFAULTS,
        tx -> {},
        () -> {});
  }
}

package io.consensio.pow.chain;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.difficulty.BitcoinRetarget;
import io.consensio.pow.difficulty.DifficultyRule;
import io.consensio.pow.header.BlockCommitment;
import io.consensio.pow.header.PowHeader;
import io.consensio.pow.header.PowSeal;
import io.consensio.pow.mining.NonceSearch;
import io.consensio.pow.target.CompactTarget;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.metrics.InMemoryMetrics;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.runtime.storage.InMemoryDurableStore;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real ledger with the proof-of-work seal check installed, a settable clock and a brute-force
 * miner at a very easy target, for tests of seal validation and fork choice.
 */
final class TestLedger {
  static final int POW_LIMIT_BITS = 0x207fffff;
  static final int BITS = 0x2000ffff; // about 256 hashes per block
  static final long REWARD = 50;
  static final Ed25519KeyPair MINER = Ed25519KeyPair.fromSeed(new byte[32]);

  final ManualClock clock = new ManualClock();
  final InMemoryMetrics metrics = new InMemoryMetrics();
  final ChainStoreImpl chain;
  final PowChainView view;
  final DifficultyRule rule;
  final SealValidator validator;
  Optional<Checkpoint> checkpoint = Optional.empty();

  TestLedger(long reward) {
    BigInteger powLimit = CompactTarget.decode(POW_LIMIT_BITS).value();
    Genesis genesis =
        new Genesis(
            "pow-test",
            0,
            List.of(new Genesis.GenesisAccount(MINER.publicKey(), 1_000, 0)),
            List.of(),
            new LedgerRules(reward, 1, 10, 1, 10_000, 4 * 1024 * 1024, 15_000));
    chain =
        new ChainStoreImpl(
            genesis, new InMemoryDurableStore(), clock, Ed25519Verifier.INSTANCE, metrics);
    view = new PowChainView(chain, BITS);
    rule = new BitcoinRetarget(1_000, 1_000, powLimit);
    validator = new SealValidator(view, rule, powLimit, 10_000, clock, () -> checkpoint, metrics);
    chain.setSealChecker((block, parentState) -> validator.check(block));
  }

  TestLedger() {
    this(REWARD);
  }

  /** An unsealed block on {@code parent} at {@code timestamp}. */
  Block template(Block parent, long timestamp) {
    return chain.buildBlock(parent.id(), List.of(), timestamp, MINER.publicKey());
  }

  /** The header a miner would hash for {@code block}, before tampering. */
  PowHeader honestHeader(Block block, long extraNonce) {
    Block parent = chain.block(block.parent()).orElseThrow();
    return new PowHeader(
        1,
        view.powHash(parent),
        BlockCommitment.of(block.id(), extraNonce),
        block.header().timestampMillis() / 1000,
        rule.nextBits(view.history(parent)),
        0);
  }

  /** Seals {@code block} with a header changed by {@code tamper}, then solves its nonce. */
  Block seal(Block block, UnaryOperator<PowHeader> tamper) {
    PowHeader header = tamper.apply(honestHeader(block, 0));
    return block.withSeal(new PowSeal(solve(header, true), 0).encode());
  }

  Block seal(Block block) {
    return seal(block, h -> h);
  }

  /** A nonce whose hash does ({@code meets}) or does not meet the header's own target. */
  static PowHeader solve(PowHeader header, boolean meets) {
    byte[] target = CompactTarget.toLittleEndian(CompactTarget.decode(header.bits()).value());
    for (long nonce = 0; ; nonce++) {
      NonceSearch.Result r = new NonceSearch(header.withNonce(0).encode(), nonce, 1, target).call();
      if (r.found() == meets) {
        return header.withNonce(nonce);
      }
    }
  }

  Block mineOn(Block parent, long timestamp) {
    Block block = seal(template(parent, timestamp));
    ImportResult result = chain.importBlock(block);
    if (!result.isAccepted()) {
      throw new AssertionError("own block refused: " + result);
    }
    return block;
  }

  long rejections(String reason) {
    return metrics.counter("pow.seal.rejected", "reason", reason);
  }

  static final class ManualClock implements Scheduler {
    long now;

    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
      return () -> {}; // the ledger sets no timers; nothing here ever needs to run
    }
  }
}

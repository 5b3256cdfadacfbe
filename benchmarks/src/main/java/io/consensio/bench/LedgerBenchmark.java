package io.consensio.bench;

import io.consensio.api.ledger.ImportResult;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.mempool.MempoolImpl;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The runtime's two hot paths for client transactions: importing a peer's block of 1,000 signed
 * transfers into {@link ChainStoreImpl} (header checks, Merkle root, duplicate and signature
 * checks, execution, state root, persistence to an in-memory store), and admitting signed transfers
 * into {@link MempoolImpl}.
 *
 * <p>Why it matters: import time per block caps the block rate a node can follow, and admission
 * time per transaction caps the client load it can accept. Import is measured twice: verifying
 * every signature, and with {@link ChainStoreImpl#setAlreadyVerified} wired to a mempool that
 * already holds (and so already verified) every transaction, as a real node does; the difference is
 * what the shortcut saves. Each import goes into a fresh ledger at genesis (set up outside the
 * measured time), because a block can be imported only once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LedgerBenchmark {

  /** The fixture, the block to import, and a mempool that has admitted all its transfers. */
  @State(Scope.Benchmark)
  public static class Fixture {
    LedgerFixture ledger;
    Block block;
    MempoolImpl poolHoldingTheBlock;

    @Setup(Level.Trial)
    public void setUp() {
      ledger = new LedgerFixture();
      block = ledger.blockOfAllTransfers();
      poolHoldingTheBlock = ledger.newMempool(ledger.newChain());
      for (Transaction tx : block.transactions()) {
        AdmitResult result = poolHoldingTheBlock.submit(tx);
        if (!result.accepted()) {
          throw new IllegalStateException("mempool refused a transfer: " + result.reason());
        }
      }
    }
  }

  /** A fresh ledger for one import, checking afterwards that the block really was imported. */
  @State(Scope.Thread)
  public static class FreshChain {
    ChainStoreImpl chain;
    private Block imported;

    @Setup(Level.Invocation)
    public void open(Fixture fixture) {
      chain = fixture.ledger.newChain();
      imported = fixture.block;
    }

    @TearDown(Level.Invocation)
    public void checkImported() {
      if (!chain.contains(imported.id())) {
        throw new IllegalStateException("the block was not imported");
      }
    }
  }

  /** A fresh mempool for one batch of admissions, checking afterwards that all were admitted. */
  @State(Scope.Thread)
  public static class FreshMempool {
    MempoolImpl pool;

    @Setup(Level.Invocation)
    public void open(Fixture fixture) {
      pool = fixture.ledger.newMempool(fixture.ledger.newChain());
    }

    @TearDown(Level.Invocation)
    public void checkAdmitted() {
      if (pool.size() != LedgerFixture.TRANSFERS) {
        throw new IllegalStateException("admitted " + pool.size() + " transfers");
      }
    }
  }

  /** Import of a 1,000-transfer block, verifying all 1,000 signatures. */
  @Benchmark
  public ImportResult importBlock1000VerifyingSignatures(Fixture fixture, FreshChain fresh) {
    return fresh.chain.importBlock(fixture.block);
  }

  /** Import of the same block when the mempool already verified every signature. */
  @Benchmark
  public ImportResult importBlock1000MempoolVerified(Fixture fixture, FreshChain fresh) {
    fresh.chain.setAlreadyVerified(fixture.poolHoldingTheBlock::holdsVerified);
    return fresh.chain.importBlock(fixture.block);
  }

  /** Admission of one signed transfer (score per transfer, over batches of 1,000). */
  @Benchmark
  @OperationsPerInvocation(LedgerFixture.TRANSFERS)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void mempoolSubmit(Fixture fixture, FreshMempool fresh, Blackhole blackhole) {
    for (Transaction tx : fixture.ledger.transfers) {
      blackhole.consume(fresh.pool.submit(tx));
    }
  }
}

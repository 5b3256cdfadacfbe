package io.consensio.pow.mining;

import io.consensio.api.ConsensusContext;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.pow.PowConfig;
import io.consensio.pow.chain.PowChainView;
import io.consensio.pow.difficulty.DifficultyRule;
import io.consensio.pow.difficulty.MedianTimePast;
import io.consensio.pow.header.BlockCommitment;
import io.consensio.pow.header.PowHeader;
import io.consensio.pow.header.PowSeal;
import io.consensio.pow.target.CompactTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mines on the current head: cuts a block template from the mempool (the ledger mints the block
 * reward to the proposer — this node — which is Consensio's coinbase), and searches nonces through
 * {@link ConsensusContext#compute()} in chunks, with up to {@code workers} chunks in flight. A head
 * change starts a new job and discards every result of the old one; when the 32-bit nonce space is
 * exhausted the extra nonce is bumped ({@link NonceSpace}), which changes the header's commitment
 * field and opens a new nonce space for the same block. Event-loop only; the search itself runs
 * wherever the compute service puts it.
 */
public final class Miner {
  private static final int VERSION = 1;

  private final ConsensusContext context;
  private final PowConfig config;
  private final PowChainView view;
  private final DifficultyRule rule;
  private final Consumer<Block> onFound;
  private final List<Cancellable> inFlight = new ArrayList<>();
  private final List<Transaction> batch = new ArrayList<>();
  private long generation;
  private Job job;
  private boolean templateStale;

  /** One block template and where its nonce search stands. */
  private static final class Job {
    final long generation;
    final Block block;
    final int bits;
    final byte[] target;
    final byte[] previousHash;
    final NonceSpace nonces;
    long headerExtraNonce = -1;
    byte[] header;

    Job(long generation, Block block, int bits, byte[] target, byte[] previousHash, int chunk) {
      this.generation = generation;
      this.block = block;
      this.bits = bits;
      this.target = target;
      this.previousHash = previousHash;
      this.nonces = new NonceSpace(chunk);
    }

    /** The header template committing to {@code extraNonce}, built once per extra nonce. */
    byte[] headerFor(long extraNonce) {
      if (extraNonce != headerExtraNonce) {
        long seconds = block.header().timestampMillis() / 1000;
        header =
            new PowHeader(
                    VERSION,
                    previousHash,
                    BlockCommitment.of(block.id(), extraNonce),
                    seconds,
                    bits,
                    0)
                .encode();
        headerExtraNonce = extraNonce;
      }
      return header;
    }
  }

  public Miner(
      ConsensusContext context,
      PowConfig config,
      PowChainView view,
      DifficultyRule rule,
      Consumer<Block> onFound) {
    this.context = context;
    this.config = config;
    this.view = view;
    this.rule = rule;
    this.onFound = onFound;
  }

  /** Abandons the current job and mines on {@code parent}. */
  public void restart(Block parent) {
    cancelInFlight();
    generation++;
    templateStale = false;
    if (!batch.isEmpty()) {
      context.mempool().requeue(batch);
      batch.clear();
    }
    batch.addAll(
        context.mempool().takeBatch(config.maxBlockTransactions(), config.maxBlockBytes()));
    long mtp = MedianTimePast.of(view.history(parent));
    long timestamp =
        Math.max(
            context.scheduler().nowMillis(), Math.max(parent.header().timestampMillis(), mtp + 1));
    Block template =
        context.chain().buildBlock(parent.id(), batch, timestamp, context.signer().publicKey());
    int bits = rule.nextBits(view.history(parent));
    byte[] target = CompactTarget.toLittleEndian(CompactTarget.decode(bits).value());
    job = new Job(generation, template, bits, target, view.powHash(parent), config.chunkNonces());
    int workers = Math.max(1, Math.min(config.workers(), context.compute().parallelism()));
    for (int i = 0; i < workers; i++) {
      submitChunk(job);
    }
  }

  /** New transactions: include them at the next chunk boundary if the template has none. */
  public void onTransactionsAvailable() {
    if (job != null && job.block.transactions().isEmpty()) {
      templateStale = true;
    }
  }

  public void stop() {
    cancelInFlight();
    generation++;
    job = null;
    if (!batch.isEmpty()) {
      context.mempool().requeue(batch);
      batch.clear();
    }
  }

  private void cancelInFlight() {
    for (Cancellable task : inFlight) {
      task.cancel();
    }
    inFlight.clear();
  }

  private void submitChunk(Job current) {
    long rolledBefore = current.headerExtraNonce;
    NonceSpace.Range range = current.nonces.next();
    byte[] header = current.headerFor(range.extraNonce());
    if (rolledBefore >= 0 && range.extraNonce() != rolledBefore) {
      context.metrics().increment("pow.extranonce.rolled");
    }
    Cancellable[] handle = new Cancellable[1];
    handle[0] =
        context
            .compute()
            .submit(
                range.count(),
                new NonceSearch(header, range.firstNonce(), range.count(), current.target),
                result -> onChunkDone(current, handle[0], header, range.extraNonce(), result));
    inFlight.add(handle[0]);
  }

  private void onChunkDone(
      Job finished, Cancellable handle, byte[] header, long extraNonce, NonceSearch.Result result) {
    inFlight.remove(handle);
    if (finished.generation != generation) {
      return; // the head moved on while this chunk ran
    }
    context.metrics().add("pow.hashes", result.tried());
    if (result.found()) {
      PowHeader winning = PowHeader.decode(header).withNonce(result.nonce());
      byte[] seal = new PowSeal(winning, extraNonce).encode();
      context.metrics().increment("pow.mined");
      // The batch stays: the next restart requeues it, which the mempool ignores for transactions
      // a canonical block already settled and honours for those of a block that lost the race.
      generation++; // the other workers' chunks of this job are now moot
      cancelInFlight();
      onFound.accept(finished.block.withSeal(seal));
    } else if (templateStale) {
      restart(context.chain().head());
    } else {
      submitChunk(finished);
    }
  }

  /** The compact target of the block being mined, 0 when idle. */
  public int currentBits() {
    return job == null ? 0 : job.bits;
  }
}

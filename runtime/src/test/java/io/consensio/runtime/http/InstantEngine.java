package io.consensio.runtime.http;

import io.consensio.api.CertifiedFinality;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.Member;
import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "instant" test engine: whenever transactions are ready (and once at start), it cuts a block
 * on the head, seals it with its Ed25519 signature over the block id and commits it as final. Its
 * seal check is honest: only a 64-byte signature by a member over the block id passes. With {@code
 * brokenStatus} its {@link #status()} throws, to test that the API survives a failing handler.
 */
final class InstantEngine implements ConsensusEngine, CertifiedFinality {
  private static final int MAX_BATCH_TXS = 1_000;
  private static final int MAX_BATCH_BYTES = 1 << 20;

  private final ConsensusContext context;
  private final boolean brokenStatus;
  private boolean running;
  private long committed;

  InstantEngine(ConsensusContext context, boolean brokenStatus) {
    this.context = context;
    this.brokenStatus = brokenStatus;
  }

  @Override
  public void start() {
    running = true;
    commitReady();
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public void onMessage(io.consensio.api.types.NodeId from, byte[] payload) {
    // a one-authority engine has nothing to hear from peers
    context.metrics().increment("instant.dropped", "reason", "unexpected-message");
  }

  @Override
  public void onTransactionsAvailable() {
    if (running) {
      commitReady();
    }
  }

  private void commitReady() {
    while (context.mempool().readyCount() > 0) {
      List<Transaction> batch = context.mempool().takeBatch(MAX_BATCH_TXS, MAX_BATCH_BYTES);
      if (batch.isEmpty()) {
        return;
      }
      Block head = context.chain().head();
      long timestamp = Math.max(context.scheduler().nowMillis(), head.header().timestampMillis());
      Block unsealed =
          context.chain().buildBlock(head.id(), batch, timestamp, context.signer().publicKey());
      Block sealed = unsealed.withSeal(context.signer().sign(unsealed.id().toBytes()).toBytes());
      ImportResult result = context.chain().commit(sealed);
      if (!result.isAccepted()) {
        context.mempool().requeue(batch);
        context.metrics().increment("instant.commit.failed", "reason", result.reason());
        return;
      }
      committed++;
    }
  }

  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    byte[] seal = block.header().seal();
    if (seal.length != Signature.SIZE) {
      return SealVerdict.reject("not-an-instant-seal");
    }
    Optional<Member> proposer = context.membership().memberByKey(block.header().proposer());
    if (proposer.isEmpty()) {
      return SealVerdict.reject("proposer-not-a-member");
    }
    boolean signed =
        context
            .verifier()
            .verify(proposer.get().publicKey(), block.id().toBytes(), Signature.wrap(seal));
    return signed ? SealVerdict.VALID : SealVerdict.reject("bad-seal-signature");
  }

  /** One authority: its own reply is all a client can get. */
  @Override
  public int repliesNeeded() {
    return 1;
  }

  /** The authority, when the block's seal is its valid signature. */
  @Override
  public List<io.consensio.api.types.NodeId> certifiedBy(Block block) {
    if (!checkSeal(block, null).valid()) {
      return List.of();
    }
    return List.of(context.membership().memberByKey(block.header().proposer()).orElseThrow().id());
  }

  @Override
  public EngineStatus status() {
    if (brokenStatus) {
      throw new IllegalStateException("status is broken on purpose by the test configuration");
    }
    return new EngineStatus(
        "authority",
        "height",
        context.chain().head().height(),
        Optional.of(context.self()),
        Map.of("committedBlocks", committed, "lastBlock", context.chain().head().id()));
  }
}

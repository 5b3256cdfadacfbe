package io.consensio.dpos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.dpos.evidence.DoubleProduction;
import io.consensio.dpos.evidence.EvidencePool;
import io.consensio.dpos.schedule.RoundPlanner;
import io.consensio.dpos.schedule.RoundState;
import io.consensio.dpos.seal.DposSeal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Produces this node's block when it owns the slot on top of the current head: a mempool batch,
 * then an evidence transaction for every pooled double-production proof the branch has not acted on
 * yet; the timestamp is the slot's start; the seal signs the block id, the slot and, for a round's
 * first block, the round record. The slot is synced as produced before the block is imported or
 * sent (see {@link ProductionGuard}). Event-loop thread only.
 *
 * <p>The producer reports evidence from its own account, so the ledger's reporter reward goes to
 * the delegate that put the proof on the chain. Its evidence transactions take the nonces after any
 * of its own account's transactions in the batch, so they never displace a transaction an operator
 * submitted from the node's key.
 */
final class BlockProducer {
  private static final int MAX_EVIDENCE_PER_BLOCK = 4;

  private final ConsensusContext context;
  private final ChainStore chain;
  private final DposConfig config;
  private final RoundPlanner planner;
  private final ProductionGuard guard;
  private final EvidencePool evidence;
  private final PublicKey self;

  BlockProducer(
      ConsensusContext context,
      DposConfig config,
      RoundPlanner planner,
      ProductionGuard guard,
      EvidencePool evidence) {
    this.context = context;
    this.chain = context.chain();
    this.config = config;
    this.planner = planner;
    this.guard = guard;
    this.evidence = evidence;
    this.self = context.signer().publicKey();
  }

  /** The sealed block for {@code slot} if this node owns it on top of the head, else empty. */
  Optional<Block> produce(long slot) {
    Block head = chain.head();
    if (slot <= planner.slotOf(head) || !guard.mayProduce(slot)) {
      return Optional.empty();
    }
    LedgerState headState = chain.headState();
    RoundPlanner.Assignment assignment = planner.assign(head, headState, slot);
    if (!assignment.round().producerOf(slot).equals(self)) {
      return Optional.empty();
    }
    List<Transaction> batch =
        context.mempool().takeBatch(config.maxBatchTxs(), config.maxBatchBytes());
    List<Transaction> txs = new ArrayList<>(batch);
    txs.addAll(evidenceTransactions(headState, batch));
    Block unsealed = chain.buildBlock(head.id(), txs, planner.clock().startOf(slot), self);
    Optional<RoundState> round =
        assignment.opensRound() ? Optional.of(assignment.round()) : Optional.empty();
    Signature signature =
        context
            .signer()
            .sign(DposSeal.signingBytes(unsealed.id(), slot, DposSeal.roundDigest(round)));
    Block block = unsealed.withSeal(new DposSeal(slot, round, signature).encode());
    requeueLeftOut(batch, block);
    guard.recordProduced(slot);
    if (!chain.importBlock(block).isAccepted()) {
      context.metrics().increment("dpos.produce.failed");
      List<Transaction> taken = new ArrayList<>(batch);
      taken.retainAll(block.transactions());
      context.mempool().requeue(taken);
      return Optional.empty();
    }
    context.metrics().increment("dpos.block.produced");
    return Optional.of(block);
  }

  /** Evidence transactions for proofs against keys the head state has not slashed. */
  private List<Transaction> evidenceTransactions(LedgerState headState, List<Transaction> batch) {
    long nonce = headState.nonce(self);
    for (Transaction tx : batch) {
      if (tx.sender().equals(self)) {
        nonce = Math.max(nonce, tx.nonce() + 1);
      }
    }
    List<Transaction> reports = new ArrayList<>();
    for (DoubleProduction proof : evidence.unsettled(headState, MAX_EVIDENCE_PER_BLOCK)) {
      reports.add(
          Transaction.sign(context.signer(), nonce++, 0, new TxPayload.Evidence(proof.encode())));
    }
    return reports;
  }

  private void requeueLeftOut(List<Transaction> batch, Block block) {
    Set<Transaction> included = new HashSet<>(block.transactions());
    List<Transaction> leftOut = new ArrayList<>();
    for (Transaction tx : batch) {
      if (!included.contains(tx)) {
        leftOut.add(tx);
      }
    }
    if (!leftOut.isEmpty()) {
      context.mempool().requeue(leftOut);
    }
  }
}

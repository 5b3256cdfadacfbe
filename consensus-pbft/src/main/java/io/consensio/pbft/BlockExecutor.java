package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;

/**
 * Executes committed blocks strictly in sequence order (OSDI'99 §4.2: "replicas execute requests in
 * sequence-number order"): the block at n = last executed + 1, sealed with its commit certificate,
 * is imported, made the canonical head and marked final, and the certificate is stored for state
 * transfer. Shared by the normal case and state transfer. Not thread-safe.
 */
final class BlockExecutor {
  /** Told of every executed block, after the ledger made it final. */
  interface Listener {
    void onExecuted(Block block);
  }

  private final ConsensusContext context;
  private final ReplicaState state;
  private final ReplicaStore store;
  private Listener listener = block -> {};

  BlockExecutor(ConsensusContext context, ReplicaState state, ReplicaStore store) {
    this.context = context;
    this.state = state;
    this.store = store;
  }

  void setListener(Listener listener) {
    this.listener = listener;
  }

  /**
   * Executes {@code block} if it is the next one and extends the last executed block; returns
   * whether it did. A block that does not fit is refused (and counted), never forced.
   */
  boolean execute(Block block, CommitCertificate certificate) {
    if (block.height() != state.lastExecuted + 1) {
      return false;
    }
    if (!block.parent().equals(state.lastExecutedId)) {
      context.metrics().increment("pbft.execute.refused", "reason", "parent-mismatch");
      return false;
    }
    ChainStore chain = context.chain();
    Block sealed = block.withSeal(certificate.encode());
    ImportResult result = chain.importBlock(sealed);
    if (!result.isAccepted()) {
      context.metrics().increment("pbft.execute.refused", "reason", "import-" + result.status());
      return false;
    }
    chain.setHead(sealed.id());
    chain.markFinal(sealed.id());
    store.saveCertificate(certificate);
    store.sync();
    state.lastExecuted = block.height();
    state.lastExecutedId = block.id();
    context.metrics().increment("pbft.blocks.executed");
    context.metrics().add("pbft.txs.executed", block.transactions().size());
    listener.onExecuted(block);
    return true;
  }
}

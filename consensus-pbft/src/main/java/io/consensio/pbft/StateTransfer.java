package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.StateRequest;
import io.consensio.pbft.messages.StateResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * State transfer for a replica that fell behind (OSDI'99 §4.3, TOCS'02 §6.2): when it learns of a
 * stable checkpoint (or a NEW-VIEW's min-s) above its last executed sequence number, it fetches the
 * missing committed blocks, each sealed with its commit certificate, from replicas that vouched for
 * the checkpoint, and executes them after verifying the certificates — so it needs to trust no one.
 * Our state is a chain, so fetching the blocks replaces the paper's partition-tree transfer.
 * Sources are tried in turn, one request at a time, each with a timeout. Not thread-safe.
 */
final class StateTransfer {
  private final ConsensusContext context;
  private final Quorum quorum;
  private final ReplicaState state;
  private final ReplicaStore store;
  private final BlockExecutor executor;
  private final long retryMillis;
  private final int responseBudgetBytes;

  private long target = -1;
  private List<NodeId> sources = List.of();
  private int nextSource;
  private Cancellable retry;

  StateTransfer(
      ConsensusContext context,
      Quorum quorum,
      ReplicaState state,
      ReplicaStore store,
      BlockExecutor executor,
      long retryMillis,
      int responseBudgetBytes) {
    this.context = context;
    this.quorum = quorum;
    this.state = state;
    this.store = store;
    this.executor = executor;
    this.retryMillis = retryMillis;
    this.responseBudgetBytes = responseBudgetBytes;
  }

  boolean inProgress() {
    return target > state.lastExecuted;
  }

  /** Catches up to {@code seq}, asking {@code vouchers} (the replicas that proved it). */
  void catchUpTo(long seq, List<NodeId> vouchers) {
    if (seq <= state.lastExecuted || seq <= target) {
      return;
    }
    target = seq;
    List<NodeId> others = new ArrayList<>();
    for (NodeId id : vouchers) {
      if (!id.equals(context.self())) {
        others.add(id);
      }
    }
    if (others.isEmpty()) {
      others = quorum.membership().ids().stream().filter(id -> !id.equals(context.self())).toList();
    }
    sources = others;
    context.metrics().increment("pbft.state_transfer.started");
    request();
  }

  private void request() {
    cancelRetry();
    if (!inProgress() || sources.isEmpty()) {
      return;
    }
    NodeId source = sources.get(nextSource++ % sources.size());
    long to = Math.min(target, state.lastExecuted + StateResponse.MAX_BLOCKS);
    Signed<StateRequest> req =
        Signed.sign(new StateRequest(state.lastExecuted + 1, to), context.self(), context.signer());
    context.network().send(source, req.encode());
    retry = context.scheduler().schedule(retryMillis, this::request);
  }

  /**
   * Serves a peer's request from the canonical chain and the stored certificates. The response
   * holds at most {@link StateResponse#MAX_BLOCKS} blocks and stops before the block that would
   * take its encoded size above the budget, but always holds the first block: a block fits in a
   * frame on its own (it was pre-prepared), and an empty answer would stall the requester, which
   * asks again from the first block it did not get.
   */
  Optional<StateResponse> serve(StateRequest request) {
    if (request.fromSeq() == 0 || request.toSeq() < request.fromSeq()) {
      return Optional.empty();
    }
    long to =
        Math.min(
            Math.min(request.toSeq(), state.lastExecuted),
            request.fromSeq() + StateResponse.MAX_BLOCKS - 1);
    List<Block> blocks = new ArrayList<>();
    long bytes = StateResponse.ENVELOPE_BYTES;
    for (long seq = request.fromSeq(); seq <= to; seq++) {
      Optional<Block> block = context.chain().canonicalAt(seq);
      Optional<CommitCertificate> cert = store.certificate(seq);
      if (block.isEmpty() || cert.isEmpty()) {
        break;
      }
      Block sealed = block.get().withSeal(cert.get().encode());
      bytes += sealed.encode().length;
      if (!blocks.isEmpty() && bytes > responseBudgetBytes) {
        context.metrics().increment("pbft.state_transfer.response_truncated");
        break;
      }
      blocks.add(sealed);
    }
    return blocks.isEmpty() ? Optional.empty() : Optional.of(new StateResponse(blocks));
  }

  /**
   * Executes the blocks of a response that verify, in order, stopping at the first that does not.
   * Returns how many were executed; a response whose first block fails is counted as invalid.
   */
  int onResponse(StateResponse response) {
    int executed = 0;
    for (Block block : response.blocks()) {
      if (block.height() <= state.lastExecuted) {
        continue;
      }
      SealVerdict verdict = CommitCertificate.verifySeal(block, quorum, context.verifier());
      if (!verdict.valid()) {
        context.metrics().increment("pbft.dropped", "reason", "bad-certificate", "type", "state");
        break;
      }
      CommitCertificate certificate;
      try {
        certificate = CommitCertificate.decode(block.header().seal());
      } catch (DecodingException e) {
        break;
      }
      if (!executor.execute(block.withSeal(new byte[0]), certificate)) {
        break;
      }
      executed++;
    }
    if (executed > 0) {
      context.metrics().add("pbft.state_transfer.blocks", executed);
      if (inProgress()) {
        request();
      } else {
        cancelRetry();
        context.metrics().increment("pbft.state_transfer.completed");
      }
    }
    return executed;
  }

  void stop() {
    cancelRetry();
  }

  private void cancelRetry() {
    if (retry != null) {
      retry.cancel();
      retry = null;
    }
  }
}

package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The normal-case operation of OSDI'99 §4.2: the primary assigns sequence numbers to blocks and
 * multicasts PRE-PREPARE; backups check and accept it and multicast PREPARE; a prepared replica
 * multicasts COMMIT; a committed-local block is executed once all lower ones are. Several sequence
 * numbers are in flight at once; each block is built on the block of the previous sequence number,
 * which is imported tentatively (unsealed, not canonical) so the next one can be built and checked.
 * Not thread-safe; every method runs on the event loop.
 */
final class NormalCase {
  /** A committed-local block waiting for its predecessors to execute. */
  private record Committed(Block block, CommitCertificate certificate) {}

  private final ConsensusContext context;
  private final PbftConfig config;
  private final Quorum quorum;
  private final ReplicaState state;
  private final MessageLog log;
  private final Watermarks watermarks;
  private final Outbox outbox;
  private final ReplicaStore store;
  private final BlockExecutor executor;
  private final BlockFetcher fetcher;

  /** Pre-prepares whose parent block is not accepted yet (messages may arrive out of order). */
  private final NavigableMap<Long, PrePrepare> waiting = new TreeMap<>();

  /**
   * Pre-prepares ⟨v, n, d⟩ of the current view's NEW-VIEW (its O) whose block this replica does not
   * hold yet: the slot exists without a body, so another digest for (v, n) is refused, and the body
   * is fetched; the pre-prepare is accepted (and PREPARE sent) once it arrives.
   */
  private final NavigableMap<Long, Hash> bodiless = new TreeMap<>();

  private final NavigableMap<Long, Committed> committed = new TreeMap<>();

  /**
   * Transactions this replica took from the mempool for blocks it proposed and not yet executed.
   */
  private final NavigableMap<Long, List<Transaction>> ownProposals = new TreeMap<>();

  private long nextSeq;
  private Hash tip;
  private boolean proposing;

  NormalCase(
      ConsensusContext context,
      PbftConfig config,
      Quorum quorum,
      ReplicaState state,
      MessageLog log,
      Watermarks watermarks,
      Outbox outbox,
      ReplicaStore store,
      BlockExecutor executor,
      BlockFetcher fetcher) {
    this.context = context;
    this.config = config;
    this.quorum = quorum;
    this.state = state;
    this.log = log;
    this.watermarks = watermarks;
    this.outbox = outbox;
    this.store = store;
    this.executor = executor;
    this.fetcher = fetcher;
  }

  boolean isPrimary() {
    return quorum.primary(state.view).equals(context.self());
  }

  /** Where the primary proposes next: sequence number and the block to build on. */
  void setProposalCursor(long next, Hash parent) {
    this.nextSeq = next;
    this.tip = parent;
  }

  /**
   * Handles a PRE-PREPARE from {@code sender} whose signature or MAC, and sender, were checked.
   * Returns the reason it was dropped, or empty when it was accepted or kept until its parent
   * arrives.
   */
  Optional<String> onPrePrepare(PrePrepare pp, NodeId sender) {
    Optional<String> verdict = accept(pp, sender);
    releaseWaiting();
    return verdict;
  }

  private Optional<String> accept(PrePrepare pp, NodeId sender) {
    if (!state.active) {
      return Optional.of("view-change-in-progress");
    }
    if (pp.view() != state.view) {
      return Optional.of(pp.view() < state.view ? "stale-view" : "future-view");
    }
    if (!sender.equals(quorum.primary(pp.view()))) {
      return Optional.of("pre-prepare-not-from-primary");
    }
    if (!watermarks.accepts(pp.seq())) {
      return Optional.of("outside-watermarks");
    }
    Block block = pp.block();
    if (!pp.digest().equals(block.id())) {
      return Optional.of("digest-mismatch");
    }
    if (block.height() != pp.seq()) {
      return Optional.of("height-mismatch");
    }
    if (block.header().sealLength() != 0 || !block.hasConsistentTxRoot()) {
      return Optional.of("malformed-block");
    }
    Hash assigned = pp.view() == state.view ? bodiless.get(pp.seq()) : null;
    if (assigned != null && !assigned.equals(pp.digest())) {
      return Optional.of("conflicting-pre-prepare");
    }
    Slot slot = log.slot(pp.view(), pp.seq());
    if (slot.digest().isPresent()) {
      return Optional.of(
          slot.digest().get().equals(pp.digest()) ? "duplicate" : "conflicting-pre-prepare");
    }
    if (pp.seq() <= state.lastExecuted) {
      Optional<Hash> executed = context.chain().canonicalAt(pp.seq()).map(Block::id);
      if (executed.isEmpty() || !executed.get().equals(pp.digest())) {
        return Optional.of("conflicts-with-executed");
      }
    } else {
      Optional<Hash> parent = expectedParent(pp.view(), pp.seq());
      if (parent.isEmpty()) {
        PrePrepare held = waiting.putIfAbsent(pp.seq(), pp);
        return held == null || held.digest().equals(pp.digest())
            ? Optional.empty()
            : Optional.of("conflicting-pre-prepare");
      }
      if (!block.parent().equals(parent.get())) {
        return Optional.of("wrong-parent");
      }
      ImportResult imported = context.chain().importBlock(block);
      if (!imported.isAccepted()) {
        return Optional.of("invalid-block");
      }
    }
    slot.setPrePrepare(pp, sender);
    bodiless.remove(pp.seq());
    store.savePrePrepare(pp);
    if (!isPrimary()) {
      Signed<Prepare> prepare = outbox.sign(new Prepare(pp.view(), pp.seq(), pp.digest()));
      slot.addPrepare(prepare);
      store.savePrepare(prepare);
      store.sync();
      outbox.broadcast(prepare);
    } else {
      store.sync();
    }
    advance(slot);
    return Optional.empty();
  }

  /** The block the block at {@code seq} must extend: executed, or pre-prepared in this view. */
  private Optional<Hash> expectedParent(long view, long seq) {
    if (seq - 1 == state.lastExecuted) {
      return Optional.of(state.lastExecutedId);
    }
    if (!log.hasSlot(view, seq - 1)) {
      return Optional.empty();
    }
    return log.slot(view, seq - 1).digest();
  }

  /** Re-examines buffered pre-prepares whose parent may have arrived or executed since. */
  void releaseWaiting() {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (PrePrepare pp : List.copyOf(waiting.values())) {
        if (pp.view() != state.view || !watermarks.accepts(pp.seq())) {
          waiting.remove(pp.seq());
          continue;
        }
        if (pp.seq() <= state.lastExecuted || expectedParent(pp.view(), pp.seq()).isPresent()) {
          waiting.remove(pp.seq());
          accept(pp, quorum.primary(pp.view())).ifPresent(reason -> dropped(reason));
          progress = true;
        }
      }
    }
  }

  Optional<String> onPrepare(Signed<Prepare> signed) {
    Prepare p = signed.message();
    Optional<String> stale = checkViewAndWindow(p.view(), p.seq());
    if (stale.isPresent()) {
      return stale;
    }
    if (signed.sender().equals(quorum.primary(p.view()))) {
      return Optional.of("prepare-from-primary");
    }
    Slot slot = log.slot(p.view(), p.seq());
    slot.addPrepare(signed);
    advance(slot);
    return Optional.empty();
  }

  Optional<String> onCommit(Signed<Commit> signed) {
    Commit c = signed.message();
    Optional<String> stale = checkViewAndWindow(c.view(), c.seq());
    if (stale.isPresent()) {
      return stale;
    }
    Slot slot = log.slot(c.view(), c.seq());
    slot.addCommit(signed);
    advance(slot);
    return Optional.empty();
  }

  private Optional<String> checkViewAndWindow(long view, long seq) {
    if (!state.active) {
      return Optional.of("view-change-in-progress");
    }
    if (view != state.view) {
      return Optional.of(view < state.view ? "stale-view" : "future-view");
    }
    if (!watermarks.accepts(seq)) {
      return Optional.of("outside-watermarks");
    }
    return Optional.empty();
  }

  /** Moves a slot from pre-prepared to prepared (send COMMIT) to committed-local (execute). */
  private void advance(Slot slot) {
    if (slot.prePrepare().isEmpty()) {
      return;
    }
    Hash digest = slot.digest().get();
    if (!slot.commitSent() && slot.isPrepared(quorum)) {
      PreparedProof proof = slot.preparedProof(quorum);
      log.recordPrepared(proof);
      store.savePrepared(proof);
      Signed<Commit> commit = outbox.sign(new Commit(slot.view(), slot.seq(), digest));
      slot.addCommit(commit);
      slot.markCommitSent();
      store.saveCommit(commit);
      store.sync();
      outbox.broadcast(commit);
    }
    if (!slot.committed() && slot.isCommittedLocal(quorum)) {
      slot.markCommitted();
      if (slot.seq() > state.lastExecuted) {
        List<Signed<Commit>> commits = slot.matchingCommits().subList(0, quorum.quorum());
        CommitCertificate certificate =
            CommitCertificate.of(slot.view(), slot.seq(), digest, commits);
        committed.put(slot.seq(), new Committed(slot.prePrepare().get().block(), certificate));
        executeReady();
      }
    }
  }

  /** Executes committed blocks in sequence order for as long as the next one is committed. */
  void executeReady() {
    committed.headMap(state.lastExecuted, true).clear();
    Committed next;
    while ((next = committed.get(state.lastExecuted + 1)) != null) {
      if (!executor.execute(next.block(), next.certificate())) {
        return;
      }
      committed.remove(next.block().height());
      ownProposals.headMap(state.lastExecuted, true).clear();
    }
  }

  /**
   * The primary cuts blocks while there are transactions ready, fewer than maxInflight sequence
   * numbers await execution and the next one is below the high water mark (a primary ahead of H
   * waits for the next checkpoint, §4.3).
   */
  void propose() {
    if (proposing || !state.active || !isPrimary()) {
      return;
    }
    proposing = true;
    try {
      while (nextSeq - state.lastExecuted <= config.maxInflight()
          && watermarks.accepts(nextSeq)
          && context.mempool().readyCount() > 0) {
        if (!proposeOne()) {
          return;
        }
      }
    } finally {
      proposing = false;
    }
  }

  private boolean proposeOne() {
    Optional<Block> parent = context.chain().block(tip);
    if (parent.isEmpty()) {
      return false;
    }
    List<Transaction> taken =
        context.mempool().takeBatch(config.maxBatchTxs(), config.maxBatchBytes());
    if (taken.isEmpty()) {
      return false;
    }
    long timestamp =
        Math.max(context.scheduler().nowMillis(), parent.get().header().timestampMillis() + 1);
    Block block = context.chain().buildBlock(tip, taken, timestamp, context.signer().publicKey());
    Set<Hash> included = new HashSet<>();
    block.transactions().forEach(tx -> included.add(tx.id()));
    List<Transaction> leftOut = new ArrayList<>();
    for (Transaction tx : taken) {
      if (!included.contains(tx.id())) {
        leftOut.add(tx);
      }
    }
    if (!leftOut.isEmpty()) {
      context.mempool().requeue(leftOut);
    }
    if (block.transactions().isEmpty()) {
      return false;
    }
    if (!context.chain().importBlock(block).isAccepted()) {
      context.mempool().requeue(block.transactions());
      context.metrics().increment("pbft.propose.failed");
      return false;
    }
    PrePrepare pp = new PrePrepare(state.view, nextSeq, block.id(), block);
    Slot slot = log.slot(state.view, nextSeq);
    slot.setPrePrepare(pp, context.self());
    store.savePrePrepare(pp);
    store.sync();
    outbox.broadcastPrePrepare(pp);
    ownProposals.put(nextSeq, block.transactions());
    nextSeq++;
    tip = block.id();
    context.metrics().increment("pbft.blocks.proposed");
    advance(slot);
    return true;
  }

  /** Leaving the view: forget buffered pre-prepares, give back transactions of own proposals. */
  void onViewChangeStarted() {
    waiting.clear();
    bodiless.clear();
    // The next view's O says which bodies are still needed; stop asking for the old ones.
    fetcher.forgetRequests();
    List<Transaction> giveBack = new ArrayList<>();
    ownProposals.tailMap(state.lastExecuted, false).values().forEach(giveBack::addAll);
    ownProposals.clear();
    if (!giveBack.isEmpty()) {
      context.mempool().requeue(giveBack);
    }
  }

  /**
   * Entering view {@code view} with the pre-prepares of O, given as headers: older slots go
   * (prepared certificates stay), O is recorded (synced before any PREPARE for it goes out) and
   * processed like pre-prepares received in the new view, those whose block is not held once it is
   * fetched; the primary continues after max-s.
   */
  void onNewView(List<BlockHeader> o, long maxS, Hash maxSBlockId) {
    log.dropViewsBelow(state.view);
    waiting.clear();
    bodiless.clear();
    for (BlockHeader h : o) {
      store.saveAssigned(new ReplicaStore.PrePrepareRef(state.view, h.height(), h.id()));
      bodiless.put(h.height(), h.id());
    }
    store.sync();
    for (BlockHeader h : o) {
      // A null block has no transactions: its header is its whole body.
      Optional<Block> body =
          h.txRoot().equals(MerkleTree.EMPTY_ROOT)
              ? Optional.of(new Block(h, List.of()))
              : fetcher.body(h.height(), h.id());
      resolve(h.height(), h.id(), body);
    }
    releaseWaiting();
    if (state.lastExecuted >= maxS) {
      setProposalCursor(state.lastExecuted + 1, state.lastExecutedId);
    } else {
      setProposalCursor(maxS + 1, maxSBlockId);
    }
  }

  /**
   * Accepts the pre-prepares of O whose block arrived since (by BLOCK-RESPONSE, or into the ledger
   * by state transfer), and asks for those still missing.
   */
  void resolveBodiless() {
    if (!state.active || bodiless.isEmpty()) {
      return;
    }
    // Executed meanwhile (state transfer): the executed block decides, as for any pre-prepare.
    bodiless.headMap(state.lastExecuted, true).clear();
    for (var e : List.copyOf(bodiless.entrySet())) {
      if (e.getValue().equals(bodiless.get(e.getKey()))) {
        resolve(e.getKey(), e.getValue(), fetcher.body(e.getKey(), e.getValue()));
      }
    }
  }

  private void resolve(long seq, Hash digest, Optional<Block> body) {
    if (body.isEmpty()) {
      fetcher.want(seq, digest);
      return;
    }
    accept(new PrePrepare(state.view, seq, digest, body.get()), quorum.primary(state.view))
        .ifPresent(this::dropped);
  }

  /** Restores an assigned pre-prepare of the current view's O whose block was not accepted. */
  void restoreBodiless(ReplicaStore.PrePrepareRef ref) {
    if (ref.view() == state.view
        && ref.seq() > state.lastExecuted
        && log.slot(ref.view(), ref.seq()).prePrepare().isEmpty()) {
      bodiless.put(ref.seq(), ref.digest());
    }
  }

  /**
   * Restores a persisted pre-prepare, which came from the primary of its view; its block is the
   * ledger's (see {@link LedgerBodies}), so there is nothing to import.
   */
  void restore(PrePrepare pp) {
    Slot slot = log.slot(pp.view(), pp.seq());
    slot.setPrePrepare(pp, quorum.primary(pp.view()));
  }

  void restorePrepare(Signed<Prepare> p) {
    log.slot(p.message().view(), p.message().seq()).addPrepare(p);
  }

  void restoreCommit(Signed<Commit> c) {
    Slot slot = log.slot(c.message().view(), c.message().seq());
    slot.addCommit(c);
    slot.markCommitSent();
  }

  private void dropped(String reason) {
    context.metrics().increment("pbft.dropped", "reason", reason, "type", "pre-prepare");
  }
}

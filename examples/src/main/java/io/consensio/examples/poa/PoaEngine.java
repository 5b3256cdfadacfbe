package io.consensio.examples.poa;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.Member;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.examples.poa.messages.PoaCodec;
import io.consensio.examples.poa.messages.PoaMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Round-robin proof of authority, decided one height at a time by single-decree Paxos.
 *
 * <p>The authorities are the configured members. At height h, round r is led by member (h + r) mod
 * n. Round 0 skips Paxos phase 1 (no lower round exists whose value it could contradict); later
 * rounds, entered when a round times out, run phase 1 so the new leader re-proposes any block a
 * majority may already have accepted. A block is final when a majority accepted it in one round;
 * their signatures are its seal, so a node that missed the decision can verify a decided block sent
 * by anyone.
 *
 * <p>This is the module a user writes: it depends on {@code consensio-api} only and touches the
 * world only through its {@link ConsensusContext}.
 */
public final class PoaEngine implements ConsensusEngine {
  private final ConsensusContext context;
  private final PoaConfig config;
  private final LeaderSchedule schedule;
  private final SealChecker sealChecker;
  private final Member self;

  private boolean running;
  private long height;
  private int round;
  private AcceptorState acceptor;
  private VoteTally tally;
  private final Map<Hash, Block> proposals = new HashMap<>();
  private final Map<NodeId, PoaMessage.Promise> promises = new HashMap<>();
  private final TreeMap<Long, Block> decidedAhead = new TreeMap<>();
  private final List<Transaction> myBatch = new ArrayList<>();
  private boolean proposedThisRound;
  private boolean awaitingTransactions;
  private Cancellable roundTimer;
  private Cancellable emptyBlockTimer;
  private long lastSyncRequestMillis = Long.MIN_VALUE / 2;

  public PoaEngine(ConsensusContext context, PoaConfig config) {
    this.context = context;
    this.config = config;
    this.schedule = new LeaderSchedule(context.membership());
    this.sealChecker = new SealChecker(context.membership(), schedule, context.verifier());
    this.self =
        context
            .membership()
            .member(context.self())
            .orElseThrow(() -> new IllegalStateException(context.self() + " is not an authority"));
  }

  @Override
  public void start() {
    running = true;
    height = context.chain().finalizedHead().height() + 1;
    acceptor = AcceptorState.load(context.store(), height);
    tally = new VoteTally(schedule.quorum());
    // Rounds this node promised in before a crash may hold its proposals: never reuse them.
    beginHeight(acceptor.promisedRound() + 1);
  }

  @Override
  public void stop() {
    running = false;
    cancelTimers();
  }

  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    return sealChecker.check(block);
  }

  @Override
  public EngineStatus status() {
    Member leader = schedule.leader(height, round);
    return new EngineStatus(
        leader.equals(self) ? "leader" : "authority",
        "round",
        round,
        Optional.of(leader.id()),
        Map.of("height", height, "quorum", schedule.quorum()));
  }

  // ---- heights and rounds ----

  private void beginHeight(int firstRound) {
    proposals.clear();
    tally.clear();
    enterRound(firstRound);
    if (firstRound == 0 && isLeader(0)) {
      long h = height;
      context.scheduler().schedule(config.blockIntervalMillis(), () -> proposeWhenReady(h));
    }
  }

  private void enterRound(int newRound) {
    round = newRound;
    proposedThisRound = false;
    awaitingTransactions = false;
    promises.clear();
    if (!myBatch.isEmpty()) {
      context.mempool().requeue(myBatch);
      myBatch.clear();
    }
    long h = height;
    int r = round;
    long wait = roundTimeout(r) + (r == 0 ? config.emptyBlockMillis() : 0);
    cancelTimers();
    roundTimer = context.scheduler().schedule(wait, () -> onRoundTimeout(h, r));
    if (r > 0 && isLeader(r)) {
      startPhase1();
    }
  }

  private long roundTimeout(int r) {
    long base = config.roundTimeoutMillis() << Math.min(r, 3);
    return base + context.random().nextInt((int) Math.max(1, config.roundTimeoutMillis() / 2));
  }

  private void onRoundTimeout(long h, int r) {
    if (running && h == height && r == round) {
      context.metrics().increment("poa.round.timeout");
      enterRound(round + 1);
    }
  }

  private void adoptRound(int newRound) {
    if (newRound > round) {
      enterRound(newRound);
    }
  }

  private boolean isLeader(int r) {
    return schedule.leader(height, r).equals(self);
  }

  private void cancelTimers() {
    if (roundTimer != null) {
      roundTimer.cancel();
    }
    if (emptyBlockTimer != null) {
      emptyBlockTimer.cancel();
      emptyBlockTimer = null;
    }
  }

  // ---- leader ----

  /** Round 0: propose as soon as there is work, or an empty block after a quiet spell. */
  private void proposeWhenReady(long h) {
    if (!running || h != height || round != 0 || proposedThisRound) {
      return;
    }
    if (context.mempool().readyCount() > 0) {
      proposeFresh();
      return;
    }
    awaitingTransactions = true;
    emptyBlockTimer =
        context
            .scheduler()
            .schedule(
                config.emptyBlockMillis(),
                () -> {
                  if (running && h == height && round == 0 && !proposedThisRound) {
                    proposeFresh();
                  }
                });
  }

  @Override
  public void onTransactionsAvailable() {
    if (running && awaitingTransactions && round == 0 && !proposedThisRound) {
      proposeFresh();
    }
  }

  private void proposeFresh() {
    awaitingTransactions = false;
    Block parent = context.chain().head();
    List<Transaction> txs =
        context.mempool().takeBatch(config.maxBatchTxs(), config.maxBatchBytes());
    myBatch.addAll(txs);
    long timestamp = Math.max(context.scheduler().nowMillis(), parent.header().timestampMillis());
    Block block = context.chain().buildBlock(parent.id(), txs, timestamp, self.publicKey());
    propose(block);
  }

  private void startPhase1() {
    PoaMessage.Prepare prepare = new PoaMessage.Prepare(height, round);
    onPrepare(self.id(), prepare); // promise to ourselves (synced) before asking others
    context.network().broadcast(PoaCodec.encode(prepare));
  }

  private void onPromise(NodeId from, PoaMessage.Promise promise) {
    if (promise.round() != round || !isLeader(round) || proposedThisRound) {
      return;
    }
    promises.put(from, promise);
    if (promises.size() < schedule.quorum()) {
      return;
    }
    // Phase 2a: the block accepted in the highest round among a quorum, else a new one.
    Optional<Block> constrained =
        promises.values().stream()
            .filter(p -> p.acceptedBlock().isPresent())
            .max((a, b) -> Integer.compare(a.acceptedRound(), b.acceptedRound()))
            .flatMap(PoaMessage.Promise::acceptedBlock);
    if (constrained.isPresent()) {
      propose(constrained.get());
    } else {
      proposeFresh();
    }
  }

  private void propose(Block block) {
    proposedThisRound = true;
    byte[] signed = PoaSeal.proposalSigningBytes(height, round, block.id());
    PoaSeal seal = new PoaSeal.Proposal(round, context.signer().sign(signed));
    PoaMessage.Accept accept =
        new PoaMessage.Accept(height, round, block.withSeal(PoaSeal.encode(seal)));
    onAccept(self.id(), accept); // accept (synced) before others can
    context.network().broadcast(PoaCodec.encode(accept));
  }

  // ---- acceptor ----

  private void onPrepare(NodeId from, PoaMessage.Prepare prepare) {
    if (!schedule.leader(height, prepare.round()).id().equals(from)) {
      drop("not-round-leader");
      return;
    }
    if (prepare.round() < acceptor.promisedRound() || acceptor.acceptedRound() >= prepare.round()) {
      drop("stale-round");
      return;
    }
    adoptRound(prepare.round());
    if (prepare.round() > acceptor.promisedRound()) {
      acceptor.promise(prepare.round());
    }
    PoaMessage.Promise promise =
        new PoaMessage.Promise(
            height, prepare.round(), acceptor.acceptedRound(), acceptor.acceptedBlock());
    if (from.equals(self.id())) {
      onPromise(from, promise);
    } else {
      context.network().send(from, PoaCodec.encode(promise));
    }
  }

  private void onAccept(NodeId from, PoaMessage.Accept accept) {
    if (!schedule.leader(height, accept.round()).id().equals(from)) {
      drop("not-round-leader");
      return;
    }
    if (accept.round() < acceptor.promisedRound() || accept.round() <= acceptor.acceptedRound()) {
      drop("stale-round");
      return;
    }
    Block block = accept.block();
    if (block.height() != height) {
      drop("wrong-height");
      return;
    }
    ImportResult imported = context.chain().importBlock(block);
    if (!imported.isAccepted()) {
      drop("invalid-block");
      return;
    }
    adoptRound(accept.round());
    proposals.put(block.id(), block);
    acceptor.accept(accept.round(), block);
    byte[] signed = PoaSeal.acceptSigningBytes(height, accept.round(), block.id());
    PoaMessage.Accepted vote =
        new PoaMessage.Accepted(height, accept.round(), block.id(), context.signer().sign(signed));
    // Broadcast before counting our own vote: if it completes our quorum we move on at once, and
    // the peers still need it to complete theirs.
    context.network().broadcast(PoaCodec.encode(vote));
    onAccepted(self.id(), vote);
  }

  // ---- learner ----

  private void onAccepted(NodeId from, PoaMessage.Accepted vote) {
    Member voter = context.membership().member(from).orElseThrow();
    byte[] signed = PoaSeal.acceptSigningBytes(height, vote.round(), vote.blockId());
    if (!context.verifier().verify(voter.publicKey(), signed, vote.signature())) {
      drop("forged-vote");
      return;
    }
    int index = context.membership().indexOf(from);
    Optional<PoaSeal.Certificate> certificate =
        tally.add(vote.round(), vote.blockId(), index, vote.signature());
    if (certificate.isEmpty()) {
      return;
    }
    Block block = knownBlock(vote.blockId());
    if (block == null) {
      requestSync(from); // decided, but we missed the proposal: fetch it decided
      return;
    }
    byte[] seal = PoaSeal.encode(certificate.get());
    if (isLeader(vote.round())) {
      context
          .network()
          .broadcast(PoaCodec.encode(new PoaMessage.Certified(height, block.id(), seal)));
    }
    commit(block.withSeal(seal));
  }

  /** A block proposed at this height or already in the tree, or null. */
  private Block knownBlock(Hash id) {
    Block block = proposals.get(id);
    return block != null ? block : context.chain().block(id).orElse(null);
  }

  private void onCertified(NodeId from, PoaMessage.Certified certified) {
    Block block = knownBlock(certified.blockId());
    if (block == null) {
      requestSync(from);
      return;
    }
    onDecided(from, block.withSeal(certified.certificateSeal()));
  }

  private void onDecided(NodeId from, Block block) {
    if (block.height() < height) {
      return;
    }
    if (!sealChecker.isDecided(block)) {
      drop("undecided-block");
      return;
    }
    if (block.height() > height) {
      if (decidedAhead.size() < config.syncBatchBlocks() * 2) {
        decidedAhead.put(block.height(), block);
      }
      requestSync(from);
      return;
    }
    commit(block);
  }

  private void commit(Block decided) {
    ImportResult result = context.chain().commit(decided);
    if (!result.isAccepted()) {
      drop("decided-block-rejected");
      return;
    }
    context.metrics().increment("poa.committed");
    height = decided.height() + 1;
    acceptor.advanceTo(height);
    beginHeight(0);
    Block next = decidedAhead.remove(height);
    decidedAhead.headMap(height, false).clear();
    if (next != null) {
      commit(next);
    }
  }

  // ---- catch-up ----

  private void requestSync(NodeId from) {
    long now = context.scheduler().nowMillis();
    if (now - lastSyncRequestMillis >= config.roundTimeoutMillis() / 2) {
      lastSyncRequestMillis = now;
      context.network().send(from, PoaCodec.encode(new PoaMessage.SyncRequest(height)));
    }
  }

  private void sendDecided(NodeId to, long fromHeight) {
    long last =
        Math.min(
            context.chain().finalizedHead().height(), fromHeight + config.syncBatchBlocks() - 1);
    for (long h = fromHeight; h <= last; h++) {
      Optional<Block> block = context.chain().canonicalAt(h);
      if (block.isEmpty()) {
        return;
      }
      context.network().send(to, PoaCodec.encode(new PoaMessage.Decided(block.get())));
    }
  }

  // ---- dispatch ----

  @Override
  public void onMessage(NodeId from, byte[] payload) {
    if (!running) {
      return;
    }
    if (!context.membership().contains(from)) {
      drop("not-a-member");
      return;
    }
    PoaMessage message;
    try {
      message = PoaCodec.decode(payload);
    } catch (DecodingException e) {
      drop("malformed");
      return;
    }
    if (message instanceof PoaMessage.SyncRequest request) {
      sendDecided(from, request.height());
    } else if (message instanceof PoaMessage.Decided decided) {
      onDecided(from, decided.block());
    } else if (message.height() < height) {
      // A peer still works on a height we decided: hand it the decision instead of voting again.
      if (message instanceof PoaMessage.Prepare || message instanceof PoaMessage.Accept) {
        sendDecided(from, message.height());
      }
    } else if (message.height() > height) {
      requestSync(from);
    } else if (message instanceof PoaMessage.Prepare prepare) {
      onPrepare(from, prepare);
    } else if (message instanceof PoaMessage.Promise promise) {
      onPromise(from, promise);
    } else if (message instanceof PoaMessage.Accept accept) {
      onAccept(from, accept);
    } else if (message instanceof PoaMessage.Accepted accepted) {
      onAccepted(from, accepted);
    } else if (message instanceof PoaMessage.Certified certified) {
      onCertified(from, certified);
    }
  }

  private void drop(String reason) {
    context.metrics().increment("poa.dropped", "reason", reason);
  }
}

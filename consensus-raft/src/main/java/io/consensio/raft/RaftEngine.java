package io.consensio.raft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.Member;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.raft.log.HardState;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.log.RaftStorage;
import io.consensio.raft.log.Snapshot;
import io.consensio.raft.messages.RaftCodec;
import io.consensio.raft.messages.RaftMessage;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import io.consensio.raft.messages.RaftMessage.AppendResponse;
import io.consensio.raft.messages.RaftMessage.ForwardTransactions;
import io.consensio.raft.messages.RaftMessage.Heartbeat;
import io.consensio.raft.messages.RaftMessage.HeartbeatResponse;
import io.consensio.raft.messages.RaftMessage.InstallSnapshot;
import io.consensio.raft.messages.RaftMessage.InstallSnapshotResponse;
import io.consensio.raft.messages.RaftMessage.TimeoutNow;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import io.consensio.raft.messages.RaftMessage.VoteResponse;
import io.consensio.raft.quorum.Configuration;
import io.consensio.raft.quorum.VoteTracker;
import io.consensio.raft.replication.SnapshotAssembler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Raft server (Ongaro &amp; Ousterhout, "In Search of an Understandable Consensus Algorithm", and
 * Ongaro's thesis) whose log entries are blocks. Event handlers only: every input is a message, a
 * timer or a mempool notice, and every effect goes through the {@link ConsensusContext}.
 *
 * <p>Roles and transitions follow paper §5.1-§5.2 with Pre-Vote and CheckQuorum (thesis §9.6,
 * §6.2); replication and commitment paper §5.3-§5.4; persistence before answering paper Figure 2;
 * snapshots thesis chapter 5; membership changes by joint consensus paper §6 / thesis §4.3;
 * leadership transfer thesis §3.10. The helpers {@link Election}, {@link LeaderReplication}, {@link
 * LedgerApplier}, {@link BlockProposer} and {@link TransactionForwarder} hold the parts.
 *
 * <p>Threading: single-threaded, all calls on the node's event loop. Determinism: time only from
 * {@code context.scheduler()}, randomness only from {@code context.random()}.
 */
public final class RaftEngine implements ConsensusEngine {
  /** A server's state (paper Figure 4, plus the pre-candidate of thesis §9.6). */
  public enum Role {
    FOLLOWER,
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
  }

  /** Why a membership change proposal was or was not taken. */
  public enum ProposalResult {
    ACCEPTED,
    NOT_LEADER,
    CHANGE_IN_PROGRESS,
    NO_CHANGE,
    INVALID
  }

  private final ConsensusContext context;
  private final RaftConfig config;
  private final RaftStorage storage;
  private final LedgerApplier applier;
  private final BlockProposer proposer;
  private final TransactionForwarder forwarder;
  private final SnapshotAssembler assembler = new SnapshotAssembler();

  private RaftLog log;
  private long term;
  private Optional<NodeId> votedFor = Optional.empty();
  private NodeId leader;
  private Role role = Role.FOLLOWER;
  private boolean running;
  private long commitIndex;
  private long lastLeaderContactMillis;
  private VoteTracker votes = new VoteTracker();
  private LeaderReplication replication;
  private NodeId transferee;
  private Cancellable electionTimer;
  private Cancellable heartbeatTimer;
  private Cancellable quorumTimer;
  private Cancellable transferTimer;

  public RaftEngine(ConsensusContext context, RaftConfig config) {
    this.context = context;
    this.config = config;
    this.storage = new RaftStorage(context.store());
    this.applier = new LedgerApplier(context.chain(), context.metrics());
    this.proposer = new BlockProposer(context, config);
    this.forwarder = new TransactionForwarder(context, config);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /**
   * Recovers term, vote, log and snapshot from the durable store (paper Figure 2), then follows.
   */
  @Override
  public void start() {
    RaftStorage.Recovered recovered = storage.load();
    Configuration bootstrap = Configuration.of(context.membership().members());
    log =
        new RaftLog(storage, bootstrap, recovered.snapshot().map(Snapshot::meta), recovered.log());
    term = recovered.hardState().term();
    votedFor = recovered.hardState().votedFor();
    applier.recover(log, recovered.snapshot());
    commitIndex = applier.lastApplied();
    running = true;
    role = Role.FOLLOWER;
    lastLeaderContactMillis = context.scheduler().nowMillis() - config.electionTimeoutMaxMillis();
    resetElectionTimer();
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    if (role == Role.LEADER) {
      proposer.requeueUncommitted();
    }
    forwarder.leaderChanged();
    running = false;
    cancelAll();
  }

  // ---- inputs ----------------------------------------------------------------------------------

  @Override
  public void onMessage(NodeId from, byte[] payload) {
    if (!running) {
      drop("not-running");
      return;
    }
    RaftMessage message;
    try {
      message = RaftCodec.decode(payload);
    } catch (DecodingException | IllegalArgumentException e) {
      drop("malformed");
      return;
    }
    if (from.equals(context.self())
        || !(log.configuration().isVoter(from) || context.membership().contains(from))) {
      drop("unknown-peer");
      return;
    }
    try {
      if (acceptTerm(from, message)) {
        dispatch(from, message);
      }
    } catch (RuntimeException e) {
      // A bug, not bad input: count it loudly rather than take the node down (api contract).
      context.metrics().increment("raft.message.failed", "error", e.getClass().getSimpleName());
    }
  }

  @Override
  public void onTransactionsAvailable() {
    if (!running) {
      return;
    }
    if (role == Role.LEADER) {
      cutBlocks();
    } else if (leader != null) {
      forwarder.forward(leader, term);
    }
  }

  /** A Raft seal is the (term, index) of the block's entry; see {@link RaftSeal}. */
  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    try {
      RaftSeal.decode(block.header().seal());
      return SealVerdict.VALID;
    } catch (DecodingException e) {
      return SealVerdict.reject("bad-raft-seal: " + e.getMessage());
    }
  }

  @Override
  public EngineStatus status() {
    Map<String, Object> details =
        Map.of(
            "commitIndex", commitIndex,
            "lastApplied", applier.lastApplied(),
            "lastLogIndex", log == null ? 0 : log.lastIndex(),
            "snapshotIndex", log == null ? 0 : log.snapshotIndex(),
            "configuration", log == null ? "" : log.configuration().toString());
    return new EngineStatus(
        role.name().toLowerCase().replace('_', '-'),
        "term",
        term,
        Optional.ofNullable(leader),
        details);
  }

  // ---- public operations -----------------------------------------------------------------------

  /** Proposes adding a voting member by joint consensus (paper §6). Leader only. */
  public ProposalResult proposeAddMember(NodeId id, PublicKey key) {
    ProposalResult check = canChangeMembership();
    if (check != ProposalResult.ACCEPTED) {
      return check;
    }
    Configuration current = log.configuration();
    if (current.isVoter(id)) {
      return ProposalResult.NO_CHANGE;
    }
    try {
      appendConfiguration(current.jointAdding(new Member(id, key)));
    } catch (IllegalArgumentException e) {
      return ProposalResult.INVALID;
    }
    return ProposalResult.ACCEPTED;
  }

  /** Proposes removing a voting member by joint consensus (paper §6). Leader only. */
  public ProposalResult proposeRemoveMember(NodeId id) {
    ProposalResult check = canChangeMembership();
    if (check != ProposalResult.ACCEPTED) {
      return check;
    }
    Configuration current = log.configuration();
    if (!current.isVoter(id)) {
      return ProposalResult.NO_CHANGE;
    }
    if (current.voters().size() == 1) {
      return ProposalResult.INVALID;
    }
    appendConfiguration(current.jointRemoving(id));
    return ProposalResult.ACCEPTED;
  }

  /**
   * Leadership transfer (thesis §3.10): stops cutting blocks, brings {@code target} up to date and
   * tells it to start an election at once. Abandoned after an election timeout. Leader only.
   */
  public boolean transferLeadership(NodeId target) {
    if (!running
        || role != Role.LEADER
        || target.equals(context.self())
        || !log.configuration().isVoter(target)) {
      return false;
    }
    transferee = target;
    cancel(transferTimer);
    transferTimer =
        context.scheduler().schedule(config.electionTimeoutMaxMillis(), () -> transferee = null);
    if (!maybeSendTimeoutNow(target)) {
      replication.sendAppend(target, commitIndex, true);
    }
    return true;
  }

  // ---- term rules and dispatch -----------------------------------------------------------------

  /**
   * "If RPC request or response contains term T > currentTerm: set currentTerm = T, convert to
   * follower" (paper Figure 2), with the Pre-Vote and lease exceptions of thesis §9.6; stale
   * messages are dropped. Returns whether the message should be handled.
   */
  private boolean acceptTerm(NodeId from, RaftMessage m) {
    if (m.term() > term) {
      if (m instanceof VoteRequest v) {
        if (Election.inLease(
            config, v, role == Role.LEADER, leader, lastLeaderContactMillis, now())) {
          drop("in-lease");
          return false;
        }
        if (!v.preVote()) {
          becomeFollower(m.term(), null);
        }
      } else if (m instanceof VoteResponse r && r.preVote() && r.granted()) {
        // A granted pre-vote carries the term we would campaign in, not a newer term.
      } else {
        boolean fromLeader =
            m instanceof AppendEntries || m instanceof Heartbeat || m instanceof InstallSnapshot;
        becomeFollower(m.term(), fromLeader ? from : null);
      }
      return true;
    }
    if (m.term() < term) {
      if (m instanceof AppendEntries || m instanceof Heartbeat || m instanceof InstallSnapshot) {
        // Tell the stale leader our term so it steps down (needed with CheckQuorum, thesis §9.6).
        send(from, new HeartbeatResponse(term));
      } else if (m instanceof VoteRequest v && v.preVote()) {
        send(from, new VoteResponse(term, false, true));
      }
      drop("stale-term");
      return false;
    }
    return true;
  }

  private void dispatch(NodeId from, RaftMessage m) {
    if (m instanceof VoteRequest v) {
      onVoteRequest(from, v);
    } else if (m instanceof VoteResponse r) {
      onVoteResponse(from, r);
    } else if (m instanceof AppendEntries a) {
      onAppendEntries(from, a);
    } else if (m instanceof AppendResponse r) {
      if (role == Role.LEADER && replication.onAppendResponse(from, r, commitIndex)) {
        maybeCommit();
        maybeSendTimeoutNow(from);
      }
    } else if (m instanceof Heartbeat h) {
      onHeartbeat(from, h);
    } else if (m instanceof HeartbeatResponse) {
      if (role == Role.LEADER) {
        replication.onHeartbeatResponse(from, commitIndex);
      }
    } else if (m instanceof InstallSnapshot s) {
      onInstallSnapshot(from, s);
    } else if (m instanceof InstallSnapshotResponse r) {
      if (role == Role.LEADER && replication.onSnapshotResponse(from, r, commitIndex)) {
        maybeCommit();
      }
    } else if (m instanceof TimeoutNow) {
      if (role != Role.LEADER && log.configuration().isVoter(context.self())) {
        context.metrics().increment("raft.transfer.timeout-now");
        becomeCandidate(true);
      }
    } else if (m instanceof ForwardTransactions f) {
      onForwardedTransactions(f);
    }
  }

  // ---- elections (paper §5.2, thesis §9.6) -----------------------------------------------------

  private void onVoteRequest(NodeId from, VoteRequest v) {
    boolean grant = Election.shouldGrant(v, from, term, votedFor, leader, log);
    if (grant && !v.preVote()) {
      votedFor = Optional.of(from);
      persistHardState();
      resetElectionTimer();
    }
    send(from, new VoteResponse(v.preVote() && grant ? v.term() : term, grant, v.preVote()));
  }

  private void onVoteResponse(NodeId from, VoteResponse r) {
    boolean counts =
        (role == Role.PRE_CANDIDATE && r.preVote() && (r.granted() ? r.term() == term + 1 : true))
            || (role == Role.CANDIDATE && !r.preVote() && r.term() == term);
    if (!counts) {
      return;
    }
    votes.record(from, r.granted());
    tallyVotes();
  }

  private void tallyVotes() {
    switch (log.configuration().electionResult(votes)) {
      case WON -> {
        if (role == Role.PRE_CANDIDATE) {
          becomeCandidate(false);
        } else {
          becomeLeader();
        }
      }
      case LOST -> becomeFollower(term, null);
      case PENDING -> {}
    }
  }

  private void onElectionTimeout() {
    if (!running || role == Role.LEADER) {
      return;
    }
    if (!log.configuration().isVoter(context.self())) {
      resetElectionTimer();
      return;
    }
    if (config.preVote()) {
      becomePreCandidate();
    } else {
      becomeCandidate(false);
    }
  }

  private void becomePreCandidate() {
    role = Role.PRE_CANDIDATE;
    setLeader(null);
    votes = new VoteTracker();
    votes.record(context.self(), true);
    resetElectionTimer();
    broadcastVoteRequest(new VoteRequest(term + 1, log.lastIndex(), log.lastTerm(), true, false));
    tallyVotes();
  }

  private void becomeCandidate(boolean transfer) {
    if (role == Role.LEADER) {
      stepDownAsLeader();
    }
    term++;
    votedFor = Optional.of(context.self());
    persistHardState();
    role = Role.CANDIDATE;
    setLeader(null);
    votes = new VoteTracker();
    votes.record(context.self(), true);
    resetElectionTimer();
    context.metrics().increment("raft.election.started");
    broadcastVoteRequest(new VoteRequest(term, log.lastIndex(), log.lastTerm(), false, transfer));
    tallyVotes();
  }

  private void broadcastVoteRequest(VoteRequest request) {
    for (NodeId peer : log.configuration().allVoterIds()) {
      if (!peer.equals(context.self())) {
        send(peer, request);
      }
    }
  }

  private void becomeFollower(long newTerm, NodeId newLeader) {
    if (role == Role.LEADER) {
      stepDownAsLeader();
    }
    if (newTerm != term) {
      term = newTerm;
      votedFor = Optional.empty();
      persistHardState();
    }
    role = Role.FOLLOWER;
    setLeader(newLeader);
    resetElectionTimer();
  }

  private void becomeLeader() {
    role = Role.LEADER;
    setLeader(context.self());
    cancel(electionTimer);
    context.metrics().increment("raft.leader.elected");
    replication = new LeaderReplication(context.self(), term, config, log, storage, this::send);
    replication.syncPeers(log.configuration());
    // A no-op of the new term lets the leader commit entries of earlier terms (paper §8, §5.4.2).
    appendLocal(LogEntry.noop(log.lastIndex() + 1, term));
    scheduleHeartbeat();
    quorumTimer =
        context.scheduler().schedule(config.electionTimeoutMinMillis(), this::checkQuorum);
    cutBlocks();
  }

  private void stepDownAsLeader() {
    proposer.requeueUncommitted();
    replication = null;
    transferee = null;
    cancel(heartbeatTimer);
    cancel(quorumTimer);
    cancel(transferTimer);
    context.metrics().increment("raft.leader.stepped-down");
  }

  // ---- leader: appending, heartbeats, commitment (paper §5.3, §5.4) ----------------------------

  private void cutBlocks() {
    if (role == Role.LEADER && transferee == null) {
      proposer.cutBlocks(log, term, commitIndex, this::appendLocal);
    }
  }

  /**
   * Durable first, then counted as this node's match and replicated (paper §5.3, thesis §10.2.1).
   */
  private void appendLocal(LogEntry entry) {
    log.append(List.of(entry));
    if (entry.configuration().isPresent()) {
      replication.syncPeers(log.configuration());
    }
    maybeCommit();
    if (role == Role.LEADER) {
      replication.sendAppendsToAll(commitIndex);
    }
  }

  private void appendConfiguration(Configuration next) {
    context.metrics().increment("raft.membership.proposed");
    appendLocal(LogEntry.config(log.lastIndex() + 1, term, next));
  }

  private ProposalResult canChangeMembership() {
    if (!running || role != Role.LEADER || transferee != null) {
      return ProposalResult.NOT_LEADER;
    }
    if (log.configuration().isJoint() || log.configurationIndex() > commitIndex) {
      return ProposalResult.CHANGE_IN_PROGRESS;
    }
    return ProposalResult.ACCEPTED;
  }

  /**
   * "A leader ... only commits entries from its current term by counting replicas" (paper §5.4.2,
   * Figure 8): the quorum index counts only if its entry is of the current term.
   */
  private void maybeCommit() {
    if (role != Role.LEADER) {
      return;
    }
    long quorumIndex = replication.quorumIndex(log.configuration());
    if (quorumIndex > commitIndex && log.term(quorumIndex) == term) {
      advanceCommit(quorumIndex);
    }
  }

  private void advanceCommit(long newCommit) {
    if (newCommit <= commitIndex) {
      return;
    }
    commitIndex = newCommit;
    applier.applyUpTo(log, commitIndex, this::onApplied);
    if (role == Role.LEADER) {
      afterLeaderCommit();
    }
    if (running) {
      applier.maybeSnapshot(log, config.snapshotThresholdEntries());
    }
  }

  private void onApplied(LogEntry entry) {
    proposer.committed(entry.index());
    entry.block().ifPresent(b -> forwarder.committed(b.transactions()));
  }

  /**
   * Joint consensus, leader side (paper §6): once C_old,new is committed append C_new; once C_new
   * is committed a leader that is not part of it steps down (thesis §4.2.2).
   */
  private void afterLeaderCommit() {
    Configuration current = log.configuration();
    if (log.configurationIndex() > commitIndex) {
      return;
    }
    if (current.isJoint()) {
      appendLocal(LogEntry.config(log.lastIndex() + 1, term, current.leaveJoint()));
    } else if (!current.isVoter(context.self())) {
      context.metrics().increment("raft.membership.leader-removed");
      becomeFollower(term, null);
    }
  }

  private void scheduleHeartbeat() {
    heartbeatTimer =
        context
            .scheduler()
            .schedule(
                config.heartbeatMillis(),
                () -> {
                  if (running && role == Role.LEADER) {
                    replication.broadcastHeartbeats(commitIndex);
                    cutBlocks();
                    scheduleHeartbeat();
                  }
                });
  }

  /** CheckQuorum (thesis §6.2): a leader that lost contact with a quorum steps down. */
  private void checkQuorum() {
    if (!running || role != Role.LEADER) {
      return;
    }
    if (config.checkQuorum() && !replication.quorumActiveAndReset(log.configuration())) {
      context.metrics().increment("raft.leader.check-quorum-failed");
      becomeFollower(term, null);
      return;
    }
    quorumTimer =
        context.scheduler().schedule(config.electionTimeoutMinMillis(), this::checkQuorum);
  }

  private boolean maybeSendTimeoutNow(NodeId peer) {
    if (role == Role.LEADER
        && peer.equals(transferee)
        && replication.progress(peer).map(p -> p.matchIndex() == log.lastIndex()).orElse(false)) {
      send(peer, new TimeoutNow(term));
      return true;
    }
    return false;
  }

  private void onForwardedTransactions(ForwardTransactions f) {
    if (role != Role.LEADER) {
      drop("not-leader");
      return;
    }
    for (Transaction tx : f.transactions()) {
      if (!context.mempool().submit(tx).accepted()) {
        context.metrics().increment("raft.forwarded.rejected");
      }
    }
    cutBlocks();
  }

  // ---- follower: AppendEntries, heartbeats, snapshots (paper §5.3, Figure 13) ------------------

  private void heardFromLeader(NodeId from) {
    if (role != Role.FOLLOWER) {
      becomeFollower(term, from);
    }
    setLeader(from);
    lastLeaderContactMillis = now();
    resetElectionTimer();
  }

  private void onAppendEntries(NodeId from, AppendEntries m) {
    if (role == Role.LEADER) {
      drop("second-leader");
      return;
    }
    heardFromLeader(from);
    long prev = m.prevLogIndex();
    if (prev < commitIndex) {
      send(from, new AppendResponse(term, true, commitIndex, 0, 0));
      return;
    }
    if (!log.matches(prev, m.prevLogTerm())) {
      long[] hint = log.conflictHint(prev);
      context.metrics().increment("raft.append.rejected");
      send(from, new AppendResponse(term, false, prev, hint[0], hint[1]));
      return;
    }
    List<LogEntry> entries = m.entries();
    int firstNew = log.firstNew(prev, entries);
    if (firstNew < entries.size()) {
      List<LogEntry> suffix = entries.subList(firstNew, entries.size());
      if (suffix.get(0).index() <= commitIndex) {
        drop("conflicts-with-committed");
        return;
      }
      if (!applier.importBlocks(log, suffix)) {
        drop("invalid-block");
        return;
      }
      log.replaceSuffix(suffix);
    }
    long lastNew = prev + entries.size();
    advanceCommit(Math.min(m.leaderCommit(), lastNew));
    send(from, new AppendResponse(term, true, lastNew, 0, 0));
  }

  private void onHeartbeat(NodeId from, Heartbeat h) {
    if (role == Role.LEADER) {
      drop("second-leader");
      return;
    }
    heardFromLeader(from);
    advanceCommit(Math.min(h.commit(), log.lastIndex()));
    send(from, new HeartbeatResponse(term));
  }

  private void onInstallSnapshot(NodeId from, InstallSnapshot m) {
    if (role == Role.LEADER) {
      drop("second-leader");
      return;
    }
    heardFromLeader(from);
    if (m.lastIncludedIndex() <= commitIndex) {
      send(from, new InstallSnapshotResponse(term, commitIndex, 0, true));
      return;
    }
    Optional<byte[]> complete = assembler.accept(m);
    if (complete.isEmpty()) {
      long expected = assembler.expectedOffset(m.term(), m.lastIncludedIndex());
      send(from, new InstallSnapshotResponse(term, m.lastIncludedIndex(), expected, false));
      return;
    }
    Snapshot snapshot;
    try {
      snapshot = Snapshot.decode(complete.get());
    } catch (DecodingException | IllegalArgumentException e) {
      drop("malformed-snapshot");
      return;
    }
    if (snapshot.lastIncludedIndex() != m.lastIncludedIndex()
        || snapshot.lastIncludedTerm() != m.lastIncludedTerm()) {
      drop("malformed-snapshot");
      return;
    }
    applier.installFromLeader(log, snapshot);
    commitIndex = Math.max(commitIndex, snapshot.lastIncludedIndex());
    send(from, new InstallSnapshotResponse(term, snapshot.lastIncludedIndex(), 0, true));
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private void setLeader(NodeId newLeader) {
    if (newLeader != null && newLeader.equals(leader)) {
      return;
    }
    if (leader != null) {
      forwarder.leaderChanged();
    }
    leader = newLeader;
    if (leader != null && role == Role.FOLLOWER && context.mempool().readyCount() > 0) {
      forwarder.forward(leader, term);
    }
  }

  private void persistHardState() {
    storage.saveHardState(new HardState(term, votedFor));
  }

  private void resetElectionTimer() {
    cancel(electionTimer);
    electionTimer =
        context
            .scheduler()
            .schedule(
                Election.randomizedTimeout(config, context.random()), this::onElectionTimeout);
  }

  private void send(NodeId to, RaftMessage message) {
    context.network().send(to, RaftCodec.encode(message));
  }

  private void drop(String reason) {
    context.metrics().increment("raft.message.dropped", "reason", reason);
  }

  private long now() {
    return context.scheduler().nowMillis();
  }

  private void cancelAll() {
    cancel(electionTimer);
    cancel(heartbeatTimer);
    cancel(quorumTimer);
    cancel(transferTimer);
  }

  private static void cancel(Cancellable c) {
    if (c != null) {
      c.cancel();
    }
  }

  // ---- test hooks in this package --------------------------------------------------------------

  /** Behaves as if the election timer fired now (etcd-raft's MsgHup); for deterministic tests. */
  void campaign() {
    cancel(electionTimer);
    onElectionTimeout();
  }

  Role role() {
    return role;
  }

  long term() {
    return term;
  }

  Optional<NodeId> votedFor() {
    return votedFor;
  }

  long commitIndex() {
    return commitIndex;
  }

  long lastApplied() {
    return applier.lastApplied();
  }

  RaftLog log() {
    return log;
  }

  Optional<NodeId> leader() {
    return Optional.ofNullable(leader);
  }
}

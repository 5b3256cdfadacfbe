package io.consensio.raft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.MembershipAdmin;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.raft.log.HardState;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.log.RaftStorage;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Raft server (Ongaro &amp; Ousterhout, "In Search of an Understandable Consensus Algorithm", and
 * Ongaro's thesis) whose log entries are blocks. Event handlers only: every input is a message, a
 * timer or a mempool notice, and every effect goes through the {@link ConsensusContext}.
 *
 * <p>Roles and transitions follow paper §5.1-§5.2 with Pre-Vote and CheckQuorum (thesis §9.6,
 * §6.2); replication and commitment paper §5.3-§5.4; persistence before answering paper Figure 2;
 * snapshots thesis chapter 5; membership changes by joint consensus paper §6 / thesis §4.3;
 * leadership transfer thesis §3.10. This class holds the term rules, elections and role
 * transitions; {@link ElectionDriver} runs elections, {@link LeaderRole} and {@link
 * FollowerReplication} the two sides of replication, {@link MembershipControl} the operator's
 * membership requests (this class implements {@link MembershipAdmin} by delegating to it), {@link
 * Election}, {@link LedgerApplier}, {@link BlockProposer} and {@link TransactionForwarder} the
 * rest.
 *
 * <p>Threading: single-threaded, all calls on the node's event loop. Determinism: time only from
 * {@code context.scheduler()}, randomness only from {@code context.random()}.
 */
public final class RaftEngine implements ConsensusEngine, MembershipAdmin {
  /** A server's state (paper Figure 4, plus the pre-candidate of thesis §9.6). */
  public enum Role {
    FOLLOWER,
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
  }

  private final ConsensusContext context;
  private final RaftConfig config;
  private final RaftStorage storage;
  private final LedgerApplier applier;
  private final BlockProposer proposer;
  private final TransactionForwarder forwarder;
  private final FollowerReplication follower;
  private final MembershipControl membership;
  private final ElectionDriver elections;

  private RaftLog log;
  private long term;
  private Optional<NodeId> votedFor = Optional.empty();
  private NodeId leader;
  private Role role = Role.FOLLOWER;
  private boolean running;
  private long commitIndex;
  private long lastLeaderContactMillis;
  private LeaderRole leading;
  private Cancellable electionTimer;

  public RaftEngine(ConsensusContext context, RaftConfig config) {
    this.context = context;
    this.config = config;
    this.storage = new RaftStorage(context.store());
    this.applier = new LedgerApplier(context.chain(), context.metrics());
    this.proposer = new BlockProposer(context, config);
    this.forwarder = new TransactionForwarder(context, config);
    this.follower = new FollowerReplication(this, applier, context.metrics());
    this.membership = new MembershipControl(this, context, config);
    this.elections = new ElectionDriver(this, context.self(), config, context.metrics());
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /**
   * Recovers term, vote, log and snapshot from the durable store (paper Figure 2), then follows.
   */
  @Override
  public void start() {
    RaftStorage.Recovered recovered = storage.load();
    Configuration bootstrap = MembershipControl.bootstrap(context, config);
    log = new RaftLog(storage, bootstrap, recovered.snapshot(), recovered.log());
    term = recovered.hardState().term();
    votedFor = recovered.hardState().votedFor();
    applier.recover(log, recovered.installed());
    commitIndex = applier.lastApplied();
    running = true;
    role = Role.FOLLOWER;
    lastLeaderContactMillis = context.scheduler().nowMillis() - config.electionTimeoutMaxMillis();
    resetElectionTimer();
    membership.publishIfChanged();
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    if (role == Role.LEADER) {
      stepDownAsLeader();
    }
    forwarder.leaderChanged();
    running = false;
    cancel(electionTimer);
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
    if (from.equals(context.self()) || !membership.isKnown(from)) {
      drop("unknown-peer");
      return;
    }
    try {
      if (acceptTerm(from, message)) {
        dispatch(from, message);
      }
      membership.publishIfChanged();
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
      leading.cutBlocks();
      membership.publishIfChanged();
    } else if (leader != null) {
      forwarder.forward(leader, term);
    }
  }

  /** A Raft seal is the (term, index) of the block's entry; see {@link RaftSeal}. */
  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    return RaftSeal.check(block);
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

  // ---- membership administration: MembershipAdmin, carried out by MembershipControl ----------

  @Override
  public Result addMember(NodeId id, PublicKey publicKey, String address) {
    return membership.add(id, publicKey, address);
  }

  @Override
  public Result removeMember(NodeId id) {
    return membership.remove(id);
  }

  @Override
  public Result transferLeadership(NodeId target) {
    return membership.transfer(target);
  }

  @Override
  public MembershipAdmin.ClusterConfiguration configuration() {
    return membership.view();
  }

  @Override
  public void watchPeers(Consumer<List<Peer>> watcher) {
    membership.watch(watcher);
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
      elections.onVoteRequest(from, v);
    } else if (m instanceof VoteResponse r) {
      elections.onVoteResponse(from, r);
    } else if (m instanceof AppendEntries a) {
      if (followLeader(from)) {
        follower.onAppendEntries(from, a);
      }
    } else if (m instanceof AppendResponse r) {
      if (role == Role.LEADER) {
        leading.onAppendResponse(from, r);
      }
    } else if (m instanceof Heartbeat h) {
      if (followLeader(from)) {
        follower.onHeartbeat(from, h);
      }
    } else if (m instanceof HeartbeatResponse) {
      if (role == Role.LEADER) {
        leading.onHeartbeatResponse(from);
      }
    } else if (m instanceof InstallSnapshot s) {
      if (followLeader(from)) {
        follower.onInstallSnapshot(from, s);
      }
    } else if (m instanceof InstallSnapshotResponse r) {
      if (role == Role.LEADER) {
        leading.onSnapshotResponse(from, r);
      }
    } else if (m instanceof TimeoutNow) {
      if (role != Role.LEADER && log.configuration().isVoter(context.self())) {
        context.metrics().increment("raft.transfer.timeout-now");
        elections.startElection(true);
      }
    } else if (m instanceof ForwardTransactions f) {
      if (role == Role.LEADER) {
        leading.onForwardedTransactions(f);
      } else {
        drop("not-leader");
      }
    }
  }

  // ---- role transitions (paper Figure 4; elections in ElectionDriver) -------------------------

  /** Thesis §9.6: a pre-candidate keeps its term and vote; it only forgets the leader. */
  void becomePreCandidate() {
    role = Role.PRE_CANDIDATE;
    setLeader(null);
    resetElectionTimer();
  }

  /** Paper §5.2: "increment currentTerm, vote for self, reset election timer". */
  void becomeCandidate() {
    if (role == Role.LEADER) {
      stepDownAsLeader();
    }
    term++;
    votedFor = Optional.of(context.self());
    persistHardState();
    role = Role.CANDIDATE;
    setLeader(null);
    resetElectionTimer();
  }

  /** A vote granted is durable before it is sent (paper Figure 2). */
  void recordVote(NodeId candidate) {
    votedFor = Optional.of(candidate);
    persistHardState();
    resetElectionTimer();
  }

  void becomeFollower(long newTerm, NodeId newLeader) {
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

  void becomeLeader() {
    // Blocks this node stored as a follower but has not imported yet are the parents of its own.
    // First, so that a ledger failing here leaves this node a candidate, not a leader half set up.
    applier.importUnapplied(log);
    role = Role.LEADER;
    setLeader(context.self());
    cancel(electionTimer);
    context.metrics().increment("raft.leader.elected");
    leading =
        new LeaderRole(
            this, context, config, log, () -> applier.snapshotForFollower(log), term, proposer);
    leading.begin();
  }

  private void stepDownAsLeader() {
    leading.end();
    leading = null;
  }

  // ---- commitment and application (paper §5.3, §7) -------------------------------------------

  /**
   * Raises the commit index and applies up to it; then maybe compacts the log (thesis §5.1). A call
   * that does not raise it still retries entries committed but not yet applied (see {@link
   * #retryApply}).
   */
  void advanceCommit(long newCommit) {
    if (newCommit <= commitIndex) {
      retryApply();
      return;
    }
    commitIndex = newCommit;
    applier.applyUpTo(log, commitIndex, this::onApplied);
    if (role == Role.LEADER) {
      leading.afterCommit();
    }
    afterApply();
  }

  /**
   * Applies committed entries the ledger refused or lacked last time (a follower acknowledges
   * before it executes, so a block can be committed before this node has imported it). Called on
   * every contact with the leader and on the leader's heartbeat, so a refusal that passes never
   * leaves committed entries unapplied for want of a new commit.
   */
  void retryApply() {
    if (applier.lastApplied() < commitIndex) {
      context.metrics().increment("raft.apply.retried");
      applier.applyUpTo(log, commitIndex, this::onApplied);
      afterApply();
    }
  }

  private void afterApply() {
    if (running) {
      releaseSettledBodies();
      applier.maybeCompact(log, config.snapshotThresholdEntries(), config.snapshotThresholdBytes());
    }
    membership.publishIfChanged();
  }

  /**
   * Lets the log drop the bodies of entries it no longer expects to read: those applied to the
   * ledger (paper Figure 2, lastApplied) and, when leading, replicated to every follower that keeps
   * up ({@link LeaderRole#firstIndexFollowersNeed}). They stay on disk until compaction (thesis
   * §5.1) and are read back for a follower that falls behind. Called after each application and
   * whenever a follower's match index advances.
   */
  void releaseSettledBodies() {
    long keepFrom = applier.lastApplied() + 1;
    if (leading() != null) {
      keepFrom = Math.min(keepFrom, leading.firstIndexFollowersNeed(applier.lastApplied()));
    }
    log.releaseBodiesBefore(keepFrom);
  }

  /** An installed snapshot covers entries up to {@code index}: they are committed and applied. */
  void commitIndexAtLeast(long index) {
    commitIndex = Math.max(commitIndex, index);
  }

  private void onApplied(LogEntry entry) {
    proposer.committed(entry.index());
    entry.block().ifPresent(b -> forwarder.committed(b.transactions()));
  }

  // ---- following a leader (paper §5.2) ------------------------------------------------------

  /**
   * A message of the current term from a leader: follow it and restart the election timer. False if
   * this node itself leads the term, which Election Safety rules out: the message is dropped.
   */
  private boolean followLeader(NodeId from) {
    if (role == Role.LEADER) {
      drop("second-leader");
      return false;
    }
    if (role != Role.FOLLOWER) {
      becomeFollower(term, from);
    }
    setLeader(from);
    lastLeaderContactMillis = now();
    resetElectionTimer();
    forwarder.onLeaderContact(from, term, config.electionTimeoutMinMillis());
    return true;
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

  void resetElectionTimer() {
    cancel(electionTimer);
    electionTimer =
        context
            .scheduler()
            .schedule(
                Election.randomizedTimeout(config, context.random()), this::onElectionTimeout);
  }

  private void onElectionTimeout() {
    if (running && role != Role.LEADER) {
      elections.onElectionTimeout();
    }
  }

  void send(NodeId to, RaftMessage message) {
    context.network().send(to, RaftCodec.encode(message));
  }

  void drop(String reason) {
    context.metrics().increment("raft.message.dropped", "reason", reason);
  }

  private long now() {
    return context.scheduler().nowMillis();
  }

  private static void cancel(Cancellable c) {
    if (c != null) {
      c.cancel();
    }
  }

  // ---- package-private views (the parts of this engine, and tests) ----------------------------

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

  boolean isRunning() {
    return running;
  }

  /** The leader's state while this node leads, else null. */
  LeaderRole leading() {
    return running && role == Role.LEADER ? leading : null;
  }
}

package io.consensio.raft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.MembershipAdmin.Outcome;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.raft.log.LogEntry;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.log.Snapshot;
import io.consensio.raft.messages.RaftMessage.AppendResponse;
import io.consensio.raft.messages.RaftMessage.ForwardTransactions;
import io.consensio.raft.messages.RaftMessage.InstallSnapshotResponse;
import io.consensio.raft.messages.RaftMessage.TimeoutNow;
import io.consensio.raft.quorum.Configuration;
import io.consensio.raft.quorum.Server;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a node does while it leads one term: appends (its no-op, blocks, configurations) durably
 * before counting them (paper §5.3), commits only by counting replicas of an entry of its own term
 * (§5.4.2, Figure 8), sends heartbeats, steps down without a quorum (CheckQuorum, thesis §6.2),
 * adds servers as learners and promotes them once caught up (thesis §4.2.1), drives joint consensus
 * (paper §6, thesis §4.2.2) and leadership transfer (thesis §3.10).
 *
 * <p>Created when the node wins an election and {@link #end() ended} when it stops leading; not
 * thread-safe, event loop only.
 */
final class LeaderRole {
  private final RaftEngine engine;
  private final ConsensusContext context;
  private final RaftConfig config;
  private final RaftLog log;
  private final long term;
  private final BlockProposer proposer;
  private final LeaderReplication replication;
  private boolean active = true;
  private NodeId transferee;
  private Cancellable heartbeatTimer;
  private Cancellable quorumTimer;
  private Cancellable transferTimer;

  LeaderRole(
      RaftEngine engine,
      ConsensusContext context,
      RaftConfig config,
      RaftLog log,
      Supplier<Optional<Snapshot>> snapshots,
      long term,
      BlockProposer proposer) {
    this.engine = engine;
    this.context = context;
    this.config = config;
    this.log = log;
    this.term = term;
    this.proposer = proposer;
    this.replication =
        new LeaderReplication(context.self(), term, config, log, snapshots, engine::send);
  }

  /** Starts leading: a no-op of the new term commits earlier entries (paper §8, §5.4.2). */
  void begin() {
    replication.syncPeers(log.configuration());
    appendLocal(LogEntry.noop(log.lastIndex() + 1, term));
    scheduleHeartbeat();
    quorumTimer =
        context.scheduler().schedule(config.electionTimeoutMinMillis(), this::checkQuorum);
    cutBlocks();
  }

  /** Stops leading: uncommitted transactions go back to the mempool, timers stop. */
  void end() {
    active = false;
    proposer.requeueUncommitted();
    cancel(heartbeatTimer);
    cancel(quorumTimer);
    cancel(transferTimer);
    context.metrics().increment("raft.leader.stepped-down");
  }

  void cutBlocks() {
    if (active && transferee == null) {
      proposer.cutBlocks(log, term, engine.commitIndex(), this::appendLocal);
    }
  }

  /**
   * Written, sent to the followers, then synced and only then counted as this node's match: "the
   * leader can write to its disk in parallel with replicating to the followers" (thesis §10.2.1),
   * so its own fsync overlaps the followers' rather than preceding it. Sending first is safe
   * because a leader counts only entries it has made durable; a crash before the sync loses entries
   * it never counted, and the followers that stored them keep or overwrite them as for any
   * uncommitted entry.
   */
  private void appendLocal(LogEntry entry) {
    log.appendWithoutSync(List.of(entry));
    if (entry.configuration().isPresent()) {
      replication.syncPeers(log.configuration());
    }
    if (active) {
      replication.sendAppendsToAll(engine.commitIndex());
    }
    log.sync();
    replication.ownEntriesDurable(entry.index());
    maybeCommit();
  }

  /**
   * "A leader ... only commits entries from its current term by counting replicas" (paper §5.4.2,
   * Figure 8): the quorum index counts only if its entry is of the current term.
   */
  private void maybeCommit() {
    if (!active) {
      return;
    }
    long quorumIndex = replication.quorumIndex(log.configuration());
    if (quorumIndex > engine.commitIndex() && log.term(quorumIndex) == term) {
      engine.advanceCommit(quorumIndex);
    }
  }

  /**
   * Joint consensus, leader side (paper §6): once C_old,new is committed append C_new; once C_new
   * is committed a leader that is not part of it steps down (thesis §4.2.2).
   */
  void afterCommit() {
    if (!active || log.configurationIndex() > engine.commitIndex()) {
      return;
    }
    Configuration current = log.configuration();
    if (current.isJoint()) {
      appendLocal(LogEntry.config(log.lastIndex() + 1, term, current.leaveJoint()));
    } else if (!current.isVoter(context.self())) {
      context.metrics().increment("raft.membership.leader-removed");
      engine.becomeFollower(term, null);
    } else {
      maybePromoteLearners();
    }
  }

  /**
   * Adds {@code server} as a learner (thesis §4.2.1): it receives the log without a vote, so the
   * change alters no majority and needs no joint configuration; {@link #maybePromoteLearners} makes
   * it a voter once it has caught up.
   */
  Outcome proposeAdd(Server server) {
    Outcome check = canChangeMembership();
    if (check != Outcome.ACCEPTED) {
      return check;
    }
    Configuration current = log.configuration();
    if (current.isMember(server.id())) {
      return Outcome.NO_CHANGE;
    }
    Configuration next;
    try {
      next = current.withLearner(server);
    } catch (IllegalArgumentException e) {
      return Outcome.INVALID;
    }
    appendConfiguration(next);
    return Outcome.ACCEPTED;
  }

  /** Removes a learner at once, a voter through C_old,new (paper §6). */
  Outcome proposeRemove(NodeId id) {
    Outcome check = canChangeMembership();
    if (check != Outcome.ACCEPTED) {
      return check;
    }
    Configuration current = log.configuration();
    if (current.isLearner(id)) {
      appendConfiguration(current.withoutLearner(id));
      return Outcome.ACCEPTED;
    }
    if (!current.isVoter(id)) {
      return Outcome.NO_CHANGE;
    }
    if (current.voters().size() == 1) {
      return Outcome.INVALID;
    }
    appendConfiguration(current.jointRemoving(id));
    return Outcome.ACCEPTED;
  }

  private Outcome canChangeMembership() {
    if (!active || transferee != null) {
      return Outcome.NOT_LEADER;
    }
    if (log.configuration().isJoint() || log.configurationIndex() > engine.commitIndex()) {
      return Outcome.IN_PROGRESS;
    }
    return Outcome.ACCEPTED;
  }

  /**
   * Thesis §4.2.1: a learner becomes a voter only once it holds every committed entry, so that
   * counting it cannot stall commitment while it catches up. Then C_old,new adds it (paper §6).
   */
  private void maybePromoteLearners() {
    if (!active || transferee != null) {
      return;
    }
    Configuration current = log.configuration();
    if (current.learners().isEmpty()
        || current.isJoint()
        || log.configurationIndex() > engine.commitIndex()) {
      return;
    }
    for (Server learner : current.learners()) {
      boolean caughtUp =
          replication
              .progress(learner.id())
              .map(p -> p.matchIndex() >= engine.commitIndex())
              .orElse(false);
      if (caughtUp) {
        context.metrics().increment("raft.membership.learner-promoted");
        appendConfiguration(current.jointPromoting(learner.id()));
        return;
      }
    }
  }

  private void appendConfiguration(Configuration next) {
    context.metrics().increment("raft.membership.proposed");
    appendLocal(LogEntry.config(log.lastIndex() + 1, term, next));
  }

  /** Leadership transfer (thesis §3.10); abandoned after an election timeout. */
  boolean transferTo(NodeId target) {
    if (!active || target.equals(context.self()) || !log.configuration().isVoter(target)) {
      return false;
    }
    transferee = target;
    cancel(transferTimer);
    transferTimer =
        context.scheduler().schedule(config.electionTimeoutMaxMillis(), () -> transferee = null);
    if (!maybeSendTimeoutNow(target)) {
      replication.sendAppend(target, engine.commitIndex(), true);
    }
    return true;
  }

  /**
   * The first index whose body a follower keeping up may still be sent; bodies before it may leave
   * memory once applied (see {@link LeaderReplication#firstIndexToKeep}).
   */
  long firstIndexFollowersNeed(long appliedIndex) {
    return replication.firstIndexToKeep(appliedIndex);
  }

  void onAppendResponse(NodeId from, AppendResponse r) {
    if (replication.onAppendResponse(from, r, engine.commitIndex())) {
      long committedBefore = engine.commitIndex();
      maybeCommit();
      engine.releaseSettledBodies();
      maybeSendTimeoutNow(from);
      maybePromoteLearners();
      if (engine.commitIndex() > committedBefore) {
        // committing made room in the pipeline of uncommitted entries: fill it now, not at the
        // next heartbeat
        cutBlocks();
      }
    }
  }

  void onHeartbeatResponse(NodeId from) {
    replication.onHeartbeatResponse(from, engine.commitIndex());
  }

  void onSnapshotResponse(NodeId from, InstallSnapshotResponse r) {
    if (replication.onSnapshotResponse(from, r, engine.commitIndex())) {
      maybeCommit();
      engine.releaseSettledBodies();
      maybePromoteLearners();
    }
  }

  /** Transactions a follower forwarded: admitted to the mempool, then cut into blocks. */
  void onForwardedTransactions(ForwardTransactions f) {
    for (Transaction tx : f.transactions()) {
      if (!context.mempool().submit(tx).accepted()) {
        context.metrics().increment("raft.forwarded.rejected");
      }
    }
    cutBlocks();
  }

  private void scheduleHeartbeat() {
    heartbeatTimer =
        context
            .scheduler()
            .schedule(
                config.heartbeatMillis(),
                () -> {
                  if (active) {
                    engine.retryApply();
                    replication.broadcastHeartbeats(engine.commitIndex());
                    cutBlocks();
                    scheduleHeartbeat();
                  }
                });
  }

  private void checkQuorum() {
    if (!active) {
      return;
    }
    if (config.checkQuorum() && !replication.quorumActiveAndReset(log.configuration())) {
      context.metrics().increment("raft.leader.check-quorum-failed");
      engine.becomeFollower(term, null);
      return;
    }
    quorumTimer =
        context.scheduler().schedule(config.electionTimeoutMinMillis(), this::checkQuorum);
  }

  private boolean maybeSendTimeoutNow(NodeId peer) {
    if (active
        && peer.equals(transferee)
        && replication.progress(peer).map(p -> p.matchIndex() == log.lastIndex()).orElse(false)) {
      engine.send(peer, new TimeoutNow(term));
      return true;
    }
    return false;
  }

  private static void cancel(Cancellable c) {
    if (c != null) {
      c.cancel();
    }
  }
}

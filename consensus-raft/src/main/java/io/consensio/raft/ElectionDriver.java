package io.consensio.raft;

import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import io.consensio.raft.messages.RaftMessage.VoteResponse;
import io.consensio.raft.quorum.VoteTracker;

/**
 * This node's part in leader election: campaigning when the election timer fires — a Pre-Vote round
 * first when configured (thesis §9.6), then RequestVote in a new term (paper §5.2) — counting the
 * answers against the possibly joint configuration (paper §6), and answering other candidates under
 * the election restriction (paper §5.4.1, see {@link Election}). Only voters campaign; a learner
 * waits (thesis §4.2.1). The engine owns the term, the vote and the role; this class asks it to
 * change them. Not thread-safe; event loop only.
 */
final class ElectionDriver {
  private final RaftEngine engine;
  private final NodeId self;
  private final RaftConfig config;
  private final Metrics metrics;
  private VoteTracker votes = new VoteTracker();

  ElectionDriver(RaftEngine engine, NodeId self, RaftConfig config, Metrics metrics) {
    this.engine = engine;
    this.self = self;
    this.config = config;
    this.metrics = metrics;
  }

  /** The election timer fired without word from a leader. */
  void onElectionTimeout() {
    if (!engine.log().configuration().isVoter(self)) {
      engine.resetElectionTimer();
      return;
    }
    if (config.preVote()) {
      startPreVote();
    } else {
      startElection(false);
    }
  }

  /** Thesis §9.6: ask whether a majority would vote for us before disturbing anyone's term. */
  void startPreVote() {
    engine.becomePreCandidate();
    votes = new VoteTracker();
    votes.record(self, true);
    RaftLog log = engine.log();
    broadcast(new VoteRequest(engine.term() + 1, log.lastIndex(), log.lastTerm(), true, false));
    tally();
  }

  /**
   * Paper §5.2: a new term, a vote for ourselves, RequestVote to every voter. {@code transfer}
   * marks an election a leader asked for (TimeoutNow, thesis §3.10), which voters honour even
   * within a leader's lease.
   */
  void startElection(boolean transfer) {
    engine.becomeCandidate();
    votes = new VoteTracker();
    votes.record(self, true);
    metrics.increment("raft.election.started");
    RaftLog log = engine.log();
    broadcast(new VoteRequest(engine.term(), log.lastIndex(), log.lastTerm(), false, transfer));
    tally();
  }

  void onVoteRequest(NodeId from, VoteRequest v) {
    boolean grant =
        Election.shouldGrant(
            v, from, engine.term(), engine.votedFor(), engine.leader().orElse(null), engine.log());
    if (grant && !v.preVote()) {
      engine.recordVote(from);
    }
    engine.send(
        from,
        new VoteResponse(v.preVote() && grant ? v.term() : engine.term(), grant, v.preVote()));
  }

  /**
   * Counts an answer of the round in progress: a pre-vote grant names the term we would campaign
   * in, a vote the current term; anything else is stale.
   */
  void onVoteResponse(NodeId from, VoteResponse r) {
    Role role = engine.role();
    long term = engine.term();
    boolean counts =
        (role == Role.PRE_CANDIDATE && r.preVote() && (!r.granted() || r.term() == term + 1))
            || (role == Role.CANDIDATE && !r.preVote() && r.term() == term);
    if (counts) {
      votes.record(from, r.granted());
      tally();
    }
  }

  private void tally() {
    switch (engine.log().configuration().electionResult(votes)) {
      case WON -> {
        if (engine.role() == Role.PRE_CANDIDATE) {
          startElection(false);
        } else {
          engine.becomeLeader();
        }
      }
      case LOST -> engine.becomeFollower(engine.term(), null);
      case PENDING -> {}
    }
  }

  private void broadcast(VoteRequest request) {
    for (NodeId peer : engine.log().configuration().allVoterIds()) {
      if (!peer.equals(self)) {
        engine.send(peer, request);
      }
    }
  }
}

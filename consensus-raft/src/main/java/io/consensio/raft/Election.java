package io.consensio.raft;

import io.consensio.api.types.NodeId;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.messages.RaftMessage.VoteRequest;
import java.util.Optional;
import java.util.Random;

/**
 * The rules of leader election, free of I/O so they can be read against the papers.
 *
 * <ul>
 *   <li>Randomized election timeouts in [min, max) (paper §5.2).
 *   <li>Granting a vote: at most one candidate per term, only to a candidate whose log is at least
 *       as up to date (paper §5.2, §5.4.1 "election restriction"). A Pre-Vote is granted without
 *       recording anything, to a candidate whose proposed term is above ours (thesis §9.6).
 *   <li>The leader lease of CheckQuorum: a node that heard from a leader within the minimum
 *       election timeout ignores vote requests, unless they come from a leadership transfer (thesis
 *       §4.2.3, §6.2, §9.6). This is what keeps a rejoining partitioned node from deposing a
 *       healthy leader.
 * </ul>
 */
final class Election {
  private Election() {}

  static long randomizedTimeout(RaftConfig config, Random random) {
    long span = config.electionTimeoutMaxMillis() - config.electionTimeoutMinMillis();
    return config.electionTimeoutMinMillis() + (long) (random.nextDouble() * span);
  }

  static boolean shouldGrant(
      VoteRequest request,
      NodeId candidate,
      long currentTerm,
      Optional<NodeId> votedFor,
      NodeId knownLeader,
      RaftLog log) {
    boolean canVote =
        votedFor.map(candidate::equals).orElse(false)
            || (votedFor.isEmpty() && knownLeader == null)
            || (request.preVote() && request.term() > currentTerm);
    return canVote && log.isUpToDate(request.lastLogIndex(), request.lastLogTerm());
  }

  static boolean inLease(
      RaftConfig config,
      VoteRequest request,
      boolean isLeader,
      NodeId knownLeader,
      long lastLeaderContactMillis,
      long nowMillis) {
    if (!config.checkQuorum() || request.transfer()) {
      return false;
    }
    return isLeader
        || (knownLeader != null
            && nowMillis - lastLeaderContactMillis < config.electionTimeoutMinMillis());
  }
}

package io.consensio.raft.quorum;

import io.consensio.api.types.NodeId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The votes one candidate (or pre-candidate) has received in one election. A voter's first answer
 * counts; a duplicated or reordered response cannot count twice (Raft paper §5.2: "each server will
 * vote for at most one candidate in a given term"). Counting against a possibly joint configuration
 * is done by {@link Configuration#electionResult}.
 */
public final class VoteTracker {
  /** Where an election stands. */
  public enum Result {
    WON,
    LOST,
    PENDING
  }

  private final Map<NodeId, Boolean> votes = new HashMap<>();

  /** Records {@code voter}'s answer unless it already answered. */
  public void record(NodeId voter, boolean granted) {
    votes.putIfAbsent(voter, granted);
  }

  public int grantedCount() {
    return (int) votes.values().stream().filter(v -> v).count();
  }

  /** Majority of {@code voters} granted: won; a majority can no longer be reached: lost. */
  Result resultAmong(Collection<NodeId> voters) {
    int majority = voters.size() / 2 + 1;
    int granted = 0;
    int rejected = 0;
    for (NodeId id : voters) {
      Boolean vote = votes.get(id);
      if (vote == null) {
        continue;
      }
      if (vote) {
        granted++;
      } else {
        rejected++;
      }
    }
    if (granted >= majority) {
      return Result.WON;
    }
    if (voters.size() - rejected < majority) {
      return Result.LOST;
    }
    return Result.PENDING;
  }
}

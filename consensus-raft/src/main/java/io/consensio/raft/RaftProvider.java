package io.consensio.raft;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;

/** The {@code raft} consensus module, found by {@link java.util.ServiceLoader}. */
public final class RaftProvider implements ConsensusProvider {
  /**
   * Raft's blocks all come from the leader, and a follower forwards the transactions clients give
   * it to the leader ({@link TransactionForwarder}), so gossiping them to every node would only
   * have each follower decode, verify and pool them until the leader's block made them stale.
   */
  @Override
  public boolean gossipsTransactions() {
    return false;
  }

  @Override
  public String name() {
    return "raft";
  }

  @Override
  public String description() {
    return "Raft (Ongaro & Ousterhout): crash-fault-tolerant leader-based replication of blocks,"
        + " with pre-vote, check-quorum, snapshots, joint consensus and leadership transfer";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    RaftConfig config = RaftConfig.fromJson(section);
    if (config.join() && membership.size() < 2) {
      throw new ConsensusConfigException(
          "consensus.raft.join",
          "a joining node must list the members of the running cluster as its peers");
    }
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    validateConfig(context.config(), context.membership());
    return new RaftEngine(context, RaftConfig.fromJson(context.config()));
  }
}

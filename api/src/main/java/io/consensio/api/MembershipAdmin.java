package io.consensio.api;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An optional capability of a {@link ConsensusEngine} whose membership changes while it runs
 * (Raft's joint consensus). The runtime tests {@code engine instanceof MembershipAdmin}: if so it
 * serves the membership API ({@code /v1/membership}, {@code /v1/leadership/transfer}) and keeps its
 * transport's peers in step with {@link #watchPeers}; engines with a fixed membership do not
 * implement it, and the API then refuses membership requests with a 4xx error.
 *
 * <p>Threading: like every engine method, all of these are called on the node's event loop, and the
 * watcher is called back on it.
 */
public interface MembershipAdmin {

  /**
   * A node of a configuration.
   *
   * @param address where its peers reach it ({@code host:port}); empty for members whose address
   *     each node's own configuration file gives (the founding members)
   */
  record Peer(NodeId id, PublicKey publicKey, Optional<String> address) {
    public Peer {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * The configuration in force on this node (the latest one it holds, committed or not).
   *
   * @param voters the voting members (C_old during a joint change)
   * @param nextVoters the voters of C_new while a joint configuration C_old,new is in force; empty
   *     otherwise
   * @param learners members that receive the log but do not vote yet (they are catching up)
   * @param committed whether this configuration is known to be committed
   * @param leader the leader this node knows of
   */
  record ClusterConfiguration(
      List<Peer> voters,
      List<Peer> nextVoters,
      List<Peer> learners,
      boolean committed,
      Optional<NodeId> leader) {
    public ClusterConfiguration {
      voters = List.copyOf(voters);
      nextVoters = List.copyOf(nextVoters);
      learners = List.copyOf(learners);
      Objects.requireNonNull(leader, "leader");
    }

    public boolean isJoint() {
      return !nextVoters.isEmpty();
    }
  }

  /** How a request ended. */
  enum Outcome {
    /** Taken: the change is under way (it completes asynchronously). */
    ACCEPTED,
    /** Only the leader takes such requests; {@link Result#leader()} names it when known. */
    NOT_LEADER,
    /** Another change is still in progress; changes are made one at a time. */
    IN_PROGRESS,
    /** Nothing to do: the node is already a member (add) or is not one (remove). */
    NO_CHANGE,
    /**
     * The request can never succeed as given (e.g. it would leave no voter, or a key is reused).
     */
    INVALID
  }

  /** The answer to a request, with a sentence for the operator. */
  record Result(Outcome outcome, String message, Optional<NodeId> leader) {
    public Result {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(leader, "leader");
    }

    public boolean accepted() {
      return outcome == Outcome.ACCEPTED;
    }
  }

  /**
   * Adds a node: it first follows the log without a vote and becomes a voter once it has caught up.
   *
   * @param address where the other members reach it, {@code host:port}
   */
  Result addMember(NodeId id, PublicKey publicKey, String address);

  /** Removes a member; a leader that removes itself steps down once the removal is committed. */
  Result removeMember(NodeId id);

  /** Hands leadership to the voter {@code target}. */
  Result transferLeadership(NodeId target);

  ClusterConfiguration configuration();

  /**
   * Registers the runtime's watcher of the nodes this one must exchange messages with (every member
   * of the configurations it may act on, without itself). It is called once when the engine starts
   * and again whenever that set changes. Set before {@link ConsensusEngine#start()}.
   */
  void watchPeers(Consumer<List<Peer>> watcher);
}

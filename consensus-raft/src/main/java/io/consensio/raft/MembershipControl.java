package io.consensio.raft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.Member;
import io.consensio.api.MembershipAdmin;
import io.consensio.api.MembershipAdmin.Outcome;
import io.consensio.api.MembershipAdmin.Peer;
import io.consensio.api.MembershipAdmin.Result;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import io.consensio.raft.log.RaftLog;
import io.consensio.raft.quorum.Configuration;
import io.consensio.raft.quorum.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operator's side of membership (what {@link RaftEngine} exposes as {@link MembershipAdmin}):
 * turns requests into the leader's proposals — a learner first, then joint consensus (thesis
 * §4.2.1, paper §6) — and leadership transfers (thesis §3.10), phrases their outcomes, renders the
 * configuration, and tells the runtime which peers to connect to.
 *
 * <p>The peers are the servers of the latest configuration in the log (which this node acts on at
 * once, thesis §4.1) together with those of the committed one (which it may fall back to if the
 * latest is truncated), without this node. Not thread-safe; event loop only.
 */
final class MembershipControl {
  private final RaftEngine engine;
  private final ConsensusContext context;
  private final RaftConfig config;
  private final NodeId self;
  private Consumer<List<Peer>> watcher = peers -> {};
  private Configuration reportedLatest;
  private Configuration reportedCommitted;

  MembershipControl(RaftEngine engine, ConsensusContext context, RaftConfig config) {
    this.engine = engine;
    this.context = context;
    this.config = config;
    this.self = context.self();
  }

  /**
   * The configuration before any is logged: the configured membership; for a node that joins a
   * running cluster ({@code join}), the other members only, so it waits as a non-voter until the
   * leader's log tells it otherwise (thesis §4.2.1).
   */
  static Configuration bootstrap(ConsensusContext context, RaftConfig config) {
    List<Member> members = context.membership().members();
    if (config.join()) {
      members = members.stream().filter(m -> !m.id().equals(context.self())).toList();
    }
    return Configuration.of(members);
  }

  /** A server of the latest or the committed configuration, or of the configured membership. */
  boolean isKnown(NodeId id) {
    RaftLog log = engine.log();
    return log.configuration().isMember(id)
        || log.configurationAt(engine.commitIndex()).isMember(id)
        || context.membership().contains(id);
  }

  /**
   * Adds a server: as a learner first, promoted to voter by joint consensus once it has caught up
   * (thesis §4.2.1, paper §6). Leader only.
   */
  Result add(NodeId id, PublicKey key, String address) {
    return published(proposeAdd(id, key, address));
  }

  /** Removes a learner at once or a voter by joint consensus (paper §6). Leader only. */
  Result remove(NodeId id) {
    return published(proposeRemove(id));
  }

  /**
   * Leadership transfer (thesis §3.10): the leader stops cutting blocks, brings {@code target} up
   * to date and tells it to start an election at once; abandoned after an election timeout.
   */
  Result transfer(NodeId target) {
    return published(proposeTransfer(target));
  }

  /** A change may have been appended: the runtime learns the new peers before anything is sent. */
  private Result published(Result result) {
    if (engine.isRunning()) {
      publishIfChanged();
    }
    return result;
  }

  private Result proposeAdd(NodeId id, PublicKey key, String address) {
    Server server;
    try {
      server = new Server(id, key, address);
    } catch (IllegalArgumentException e) {
      return result(Outcome.INVALID, e.getMessage());
    }
    LeaderRole leading = engine.leading();
    if (leading == null) {
      return notLeader();
    }
    return switch (leading.proposeAdd(server)) {
      case ACCEPTED ->
          result(Outcome.ACCEPTED, id + " joins as a learner; it becomes a voter once caught up");
      case NO_CHANGE -> result(Outcome.NO_CHANGE, id + " is already a member");
      case INVALID ->
          result(Outcome.INVALID, "the key of " + id + " already belongs to another member");
      case IN_PROGRESS -> inProgress();
      case NOT_LEADER -> notLeader();
    };
  }

  private Result proposeRemove(NodeId id) {
    LeaderRole leading = engine.leading();
    if (leading == null) {
      return notLeader();
    }
    return switch (leading.proposeRemove(id)) {
      case ACCEPTED -> result(Outcome.ACCEPTED, "removing " + id);
      case NO_CHANGE -> result(Outcome.NO_CHANGE, id + " is not a member");
      case INVALID -> result(Outcome.INVALID, id + " is the last voter");
      case IN_PROGRESS -> inProgress();
      case NOT_LEADER -> notLeader();
    };
  }

  private Result proposeTransfer(NodeId target) {
    LeaderRole leading = engine.leading();
    if (leading == null) {
      return notLeader();
    }
    if (target.equals(self)) {
      return result(Outcome.NO_CHANGE, self + " already leads");
    }
    if (!engine.log().configuration().isVoter(target)) {
      return result(Outcome.INVALID, target + " is not a voter");
    }
    return leading.transferTo(target)
        ? result(Outcome.ACCEPTED, "transferring leadership to " + target)
        : notLeader();
  }

  MembershipAdmin.ClusterConfiguration view() {
    RaftLog log = engine.log();
    Configuration c = log == null ? bootstrap(context, config) : log.configuration();
    boolean committed = log != null && log.configurationIndex() <= engine.commitIndex();
    return new MembershipAdmin.ClusterConfiguration(
        peers(c.voters()), peers(c.nextVoters()), peers(c.learners()), committed, engine.leader());
  }

  void watch(Consumer<List<Peer>> newWatcher) {
    watcher = newWatcher;
    reportedLatest = null;
    reportedCommitted = null;
  }

  /** Tells the watcher the peers if the latest or the committed configuration changed. */
  void publishIfChanged() {
    RaftLog log = engine.log();
    Configuration latest = log.configuration();
    Configuration committed = log.configurationAt(engine.commitIndex());
    if (latest == reportedLatest && committed == reportedCommitted) {
      return;
    }
    reportedLatest = latest;
    reportedCommitted = committed;
    Map<NodeId, Server> servers = new LinkedHashMap<>();
    committed.allServers().forEach(s -> servers.put(s.id(), s));
    latest.allServers().forEach(s -> servers.put(s.id(), s));
    servers.remove(self);
    watcher.accept(peers(List.copyOf(servers.values())));
  }

  private static List<Peer> peers(List<Server> servers) {
    List<Peer> out = new ArrayList<>(servers.size());
    for (Server s : servers) {
      Optional<String> address =
          s.address().isEmpty() ? Optional.empty() : Optional.of(s.address());
      out.add(new Peer(s.id(), s.publicKey(), address));
    }
    return List.copyOf(out);
  }

  private Result notLeader() {
    if (!engine.isRunning()) {
      return new Result(Outcome.NOT_LEADER, self + " is not running", Optional.empty());
    }
    Optional<NodeId> leader = engine.leader();
    return new Result(
        Outcome.NOT_LEADER,
        self + " is not the leader" + leader.map(l -> "; " + l + " leads").orElse(""),
        leader);
  }

  private Result inProgress() {
    return result(
        Outcome.IN_PROGRESS,
        "a membership change is still in progress: " + engine.log().configuration());
  }

  private Result result(Outcome outcome, String message) {
    return new Result(outcome, message, engine.leader());
  }
}

package io.consensio.raft.quorum;

import io.consensio.api.Member;
import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * A cluster configuration: the voting members C_old, during a change the joint configuration
 * C_old,new whose decisions need separate majorities of both {@link #voters()} and {@link
 * #nextVoters()} (Raft paper §6; thesis §4.3), and the {@link #learners()}: servers being added,
 * which receive the log but neither vote nor count towards any majority until they have caught up
 * (thesis §4.2.1). Adding or removing a learner changes no majority, so it takes one configuration
 * entry; changing the voters goes through C_old,new. Immutable; servers are sorted by id so every
 * node encodes and iterates a configuration identically.
 *
 * <p>Raft counts members, not weights: a {@link Member#weight()} is ignored.
 */
public record Configuration(List<Server> voters, List<Server> nextVoters, List<Server> learners) {
  public static final int MAX_MEMBERS = 1024;

  public Configuration {
    voters = sorted(voters);
    nextVoters = sorted(nextVoters);
    learners = sorted(learners);
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("a configuration needs at least one voter");
    }
    checkDistinct(voters);
    checkDistinct(nextVoters);
    checkDistinct(learners);
    for (Server learner : learners) {
      if (find(voters, learner.id()).isPresent() || find(nextVoters, learner.id()).isPresent()) {
        throw new IllegalArgumentException(learner.id() + " is both a voter and a learner");
      }
    }
    checkDistinct(
        Stream.concat(allVoters(voters, nextVoters).stream(), learners.stream()).toList());
  }

  /** The founding configuration: {@code members} vote; their addresses come from the files. */
  public static Configuration of(List<Member> members) {
    return new Configuration(
        members.stream().map(m -> Server.founding(m.id(), m.publicKey())).toList(),
        List.of(),
        List.of());
  }

  public boolean isJoint() {
    return !nextVoters.isEmpty();
  }

  /** True when {@code id} votes in this configuration (in either half of a joint one). */
  public boolean isVoter(NodeId id) {
    return find(voters, id).isPresent() || find(nextVoters, id).isPresent();
  }

  public boolean isLearner(NodeId id) {
    return find(learners, id).isPresent();
  }

  /** True when {@code id} is a voter or a learner: a server the leader replicates to. */
  public boolean isMember(NodeId id) {
    return isVoter(id) || isLearner(id);
  }

  public Optional<Server> server(NodeId id) {
    Optional<Server> s = find(voters, id);
    if (s.isEmpty()) {
      s = find(nextVoters, id);
    }
    return s.isPresent() ? s : find(learners, id);
  }

  /** Every voter of either half, sorted and without repetition. */
  public List<NodeId> allVoterIds() {
    Set<NodeId> ids = new TreeSet<>();
    voters.forEach(m -> ids.add(m.id()));
    nextVoters.forEach(m -> ids.add(m.id()));
    return List.copyOf(ids);
  }

  /** Every voter and learner, sorted by id, each once. */
  public List<Server> allServers() {
    List<Server> all = new ArrayList<>(allVoters(voters, nextVoters));
    all.addAll(learners);
    all.sort(Comparator.comparing(Server::id));
    return List.copyOf(all);
  }

  /** This configuration plus the learner {@code server} (thesis §4.2.1). */
  public Configuration withLearner(Server server) {
    requireSimple();
    List<Server> next = new ArrayList<>(learners);
    next.add(server);
    return new Configuration(voters, List.of(), next);
  }

  /** This configuration without the learner {@code id}. */
  public Configuration withoutLearner(NodeId id) {
    return new Configuration(
        voters, nextVoters, learners.stream().filter(s -> !s.id().equals(id)).toList());
  }

  /**
   * The joint configuration C_old,new in which the caught-up learner {@code id} becomes a voter.
   */
  public Configuration jointPromoting(NodeId id) {
    requireSimple();
    Server learner =
        find(learners, id).orElseThrow(() -> new IllegalArgumentException(id + " is no learner"));
    List<Server> next = new ArrayList<>(voters);
    next.add(learner);
    return new Configuration(voters, next, withoutLearner(id).learners());
  }

  /** The joint configuration C_old,new that removes the voter {@code id}. */
  public Configuration jointRemoving(NodeId id) {
    requireSimple();
    List<Server> next = voters.stream().filter(m -> !m.id().equals(id)).toList();
    return new Configuration(voters, next, learners);
  }

  /** C_new: what a joint configuration turns into once it is committed. */
  public Configuration leaveJoint() {
    if (!isJoint()) {
      throw new IllegalStateException("not a joint configuration");
    }
    return new Configuration(nextVoters, List.of(), learners);
  }

  /**
   * The highest index stored on a majority of each half (paper §5.3/§6): for one voter set, the
   * match indexes sorted descending and the one at position majority-1. Learners do not count.
   */
  public long quorumIndex(ToLongFunction<NodeId> matchIndex) {
    long index = quorumIndex(voters, matchIndex);
    if (isJoint()) {
      index = Math.min(index, quorumIndex(nextVoters, matchIndex));
    }
    return index;
  }

  /** The outcome of an election counted by {@code votes} in this configuration. */
  public VoteTracker.Result electionResult(VoteTracker votes) {
    VoteTracker.Result old = votes.resultAmong(ids(voters));
    if (!isJoint()) {
      return old;
    }
    VoteTracker.Result next = votes.resultAmong(ids(nextVoters));
    if (old == VoteTracker.Result.LOST || next == VoteTracker.Result.LOST) {
      return VoteTracker.Result.LOST;
    }
    if (old == VoteTracker.Result.WON && next == VoteTracker.Result.WON) {
      return VoteTracker.Result.WON;
    }
    return VoteTracker.Result.PENDING;
  }

  /** True when the nodes in {@code active} form a majority of each half. */
  public boolean hasQuorum(Set<NodeId> active) {
    return majorityOf(voters, active) && (!isJoint() || majorityOf(nextVoters, active));
  }

  public void write(CanonicalWriter w) {
    writeServers(w, voters);
    writeServers(w, nextVoters);
    writeServers(w, learners);
  }

  public static Configuration read(CanonicalReader r) {
    List<Server> voters = readServers(r);
    List<Server> next = readServers(r);
    List<Server> learners = readServers(r);
    try {
      return new Configuration(voters, next, learners);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid configuration: " + e.getMessage());
    }
  }

  private static List<Server> allVoters(List<Server> voters, List<Server> nextVoters) {
    List<Server> all = new ArrayList<>(voters);
    for (Server s : nextVoters) {
      if (find(voters, s.id()).isEmpty()) {
        all.add(s);
      }
    }
    return all;
  }

  private static boolean majorityOf(List<Server> set, Set<NodeId> active) {
    long count = set.stream().filter(m -> active.contains(m.id())).count();
    return count >= set.size() / 2 + 1;
  }

  private static long quorumIndex(List<Server> set, ToLongFunction<NodeId> matchIndex) {
    long[] matches = set.stream().mapToLong(m -> matchIndex.applyAsLong(m.id())).sorted().toArray();
    int majority = matches.length / 2 + 1;
    return matches[matches.length - majority];
  }

  private static List<NodeId> ids(List<Server> servers) {
    return servers.stream().map(Server::id).toList();
  }

  private void requireSimple() {
    if (isJoint()) {
      throw new IllegalStateException("a change is already in progress");
    }
  }

  private static Optional<Server> find(List<Server> servers, NodeId id) {
    return servers.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  private static List<Server> sorted(List<Server> servers) {
    return servers.stream().sorted(Comparator.comparing(Server::id)).toList();
  }

  private static void checkDistinct(List<Server> servers) {
    Set<NodeId> ids = new HashSet<>();
    Set<PublicKey> keys = new HashSet<>();
    for (Server m : servers) {
      if (!ids.add(m.id()) || !keys.add(m.publicKey())) {
        throw new IllegalArgumentException("duplicate member " + m.id());
      }
    }
  }

  private static void writeServers(CanonicalWriter w, List<Server> servers) {
    w.writeList(servers, (writer, s) -> s.write(writer));
  }

  private static List<Server> readServers(CanonicalReader r) {
    return r.readList(MAX_MEMBERS, Server::read);
  }

  @Override
  public String toString() {
    String base =
        isJoint() ? "Joint" + ids(voters) + "->" + ids(nextVoters) : "Config" + ids(voters);
    return learners.isEmpty() ? base : base + "+learners" + ids(learners);
  }
}

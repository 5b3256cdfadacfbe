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

/**
 * A cluster configuration: the voting members C_old, and during a change the joint configuration
 * C_old,new whose decisions need separate majorities of both {@link #voters()} and {@link
 * #nextVoters()} (Raft paper §6; thesis §4.3). Immutable; members are sorted by id so every node
 * encodes and iterates a configuration identically.
 *
 * <p>Raft counts members, not weights: a member's {@link Member#weight()} is ignored.
 */
public record Configuration(List<Member> voters, List<Member> nextVoters) {
  public static final int MAX_MEMBERS = 1024;

  public Configuration {
    voters = sorted(voters);
    nextVoters = sorted(nextVoters);
    if (voters.isEmpty()) {
      throw new IllegalArgumentException("a configuration needs at least one voter");
    }
    checkDistinct(voters);
    checkDistinct(nextVoters);
  }

  public static Configuration of(List<Member> voters) {
    return new Configuration(voters, List.of());
  }

  public boolean isJoint() {
    return !nextVoters.isEmpty();
  }

  /** True when {@code id} votes in this configuration (in either half of a joint one). */
  public boolean isVoter(NodeId id) {
    return find(voters, id).isPresent() || find(nextVoters, id).isPresent();
  }

  public Optional<Member> member(NodeId id) {
    Optional<Member> m = find(voters, id);
    return m.isPresent() ? m : find(nextVoters, id);
  }

  /** Every voter of either half, sorted and without repetition. */
  public List<NodeId> allVoterIds() {
    Set<NodeId> ids = new TreeSet<>();
    voters.forEach(m -> ids.add(m.id()));
    nextVoters.forEach(m -> ids.add(m.id()));
    return List.copyOf(ids);
  }

  /** The joint configuration C_old,new that adds {@code member}. */
  public Configuration jointAdding(Member member) {
    requireSimple();
    List<Member> next = new ArrayList<>(voters);
    next.add(new Member(member.id(), member.publicKey()));
    return new Configuration(voters, next);
  }

  /** The joint configuration C_old,new that removes {@code id}. */
  public Configuration jointRemoving(NodeId id) {
    requireSimple();
    List<Member> next = voters.stream().filter(m -> !m.id().equals(id)).toList();
    return new Configuration(voters, next);
  }

  /** C_new: what a joint configuration turns into once it is committed. */
  public Configuration leaveJoint() {
    if (!isJoint()) {
      throw new IllegalStateException("not a joint configuration");
    }
    return new Configuration(nextVoters, List.of());
  }

  /**
   * The highest index stored on a majority of each half (paper §5.3/§6): for one voter set, the
   * match indexes sorted descending and the one at position majority-1.
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
    writeMembers(w, voters);
    writeMembers(w, nextVoters);
  }

  public static Configuration read(CanonicalReader r) {
    List<Member> voters = readMembers(r);
    List<Member> next = readMembers(r);
    try {
      return new Configuration(voters, next);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid configuration: " + e.getMessage());
    }
  }

  private static boolean majorityOf(List<Member> set, Set<NodeId> active) {
    long count = set.stream().filter(m -> active.contains(m.id())).count();
    return count >= set.size() / 2 + 1;
  }

  private static long quorumIndex(List<Member> set, ToLongFunction<NodeId> matchIndex) {
    long[] matches = set.stream().mapToLong(m -> matchIndex.applyAsLong(m.id())).sorted().toArray();
    int majority = matches.length / 2 + 1;
    return matches[matches.length - majority];
  }

  private static List<NodeId> ids(List<Member> members) {
    return members.stream().map(Member::id).toList();
  }

  private void requireSimple() {
    if (isJoint()) {
      throw new IllegalStateException("a change is already in progress");
    }
  }

  private static Optional<Member> find(List<Member> members, NodeId id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  private static List<Member> sorted(List<Member> members) {
    return members.stream()
        .map(m -> m.weight() == 1 ? m : new Member(m.id(), m.publicKey()))
        .sorted(Comparator.comparing(Member::id))
        .toList();
  }

  private static void checkDistinct(List<Member> members) {
    Set<NodeId> ids = new HashSet<>();
    Set<PublicKey> keys = new HashSet<>();
    for (Member m : members) {
      if (!ids.add(m.id()) || !keys.add(m.publicKey())) {
        throw new IllegalArgumentException("duplicate member " + m.id());
      }
    }
  }

  private static void writeMembers(CanonicalWriter w, List<Member> members) {
    w.writeList(
        members,
        (writer, m) -> {
          m.id().write(writer);
          m.publicKey().write(writer);
        });
  }

  private static List<Member> readMembers(CanonicalReader r) {
    return r.readList(MAX_MEMBERS, in -> new Member(NodeId.read(in), PublicKey.read(in)));
  }

  @Override
  public String toString() {
    return isJoint() ? "Joint" + ids(voters) + "->" + ids(nextVoters) : "Config" + ids(voters);
  }
}

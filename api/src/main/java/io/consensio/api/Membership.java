package io.consensio.api;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured set of nodes, sorted by id so that index-based rules (PBFT's primary = v mod n,
 * PoA's round robin) give the same answer on every node. Immutable and thread-safe. Engines with
 * dynamic membership (Raft's joint consensus) start from this set and track changes in their log.
 */
public final class Membership {
  private final List<Member> members;
  private final Map<NodeId, Member> byId = new HashMap<>();
  private final Map<PublicKey, Member> byKey = new HashMap<>();

  public Membership(List<Member> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a membership needs at least one member");
    }
    this.members = members.stream().sorted(Comparator.comparing(Member::id)).toList();
    for (Member m : this.members) {
      if (byId.put(m.id(), m) != null) {
        throw new IllegalArgumentException("duplicate member id " + m.id());
      }
      if (byKey.put(m.publicKey(), m) != null) {
        throw new IllegalArgumentException("two members share the key of " + m.id());
      }
    }
  }

  /** All members, sorted by id. */
  public List<Member> members() {
    return members;
  }

  public int size() {
    return members.size();
  }

  public Optional<Member> member(NodeId id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<Member> memberByKey(PublicKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public boolean contains(NodeId id) {
    return byId.containsKey(id);
  }

  /** Position of {@code id} in the sorted member list, or -1. */
  public int indexOf(NodeId id) {
    Member m = byId.get(id);
    return m == null ? -1 : members.indexOf(m);
  }

  public List<NodeId> ids() {
    return members.stream().map(Member::id).toList();
  }

  @Override
  public String toString() {
    return "Membership" + ids();
  }
}

package io.consensio.runtime.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's answer to {@code GET /v1/membership}: the configuration in force on it.
 *
 * @param voters the voting members (the old voters while a joint change is under way)
 * @param nextVoters the voters after the change while it is under way; empty otherwise
 * @param learners members catching up before they vote
 * @param committed whether the node knows this configuration to be committed
 * @param leader the leader the node knows of
 */
public record MembershipInfo(
    List<Member> voters,
    List<Member> nextVoters,
    List<Member> learners,
    boolean committed,
    Optional<String> leader) {

  /** One member: its id, public key (hex) and address when the configuration carries one. */
  public record Member(String id, String publicKey, Optional<String> address) {
    public Member {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(address, "address");
    }
  }

  public MembershipInfo {
    voters = List.copyOf(voters);
    nextVoters = List.copyOf(nextVoters);
    learners = List.copyOf(learners);
    Objects.requireNonNull(leader, "leader");
  }

  public boolean isJoint() {
    return !nextVoters.isEmpty();
  }

  /** True when {@code id} votes and no change is under way: an add has completed. */
  public boolean isSettledVoter(String id) {
    return committed && !isJoint() && voters.stream().anyMatch(m -> m.id().equals(id));
  }

  /** True when {@code id} is no member at all and no change is under way: a removal completed. */
  public boolean isSettledAbsent(String id) {
    return committed
        && !isJoint()
        && voters.stream().noneMatch(m -> m.id().equals(id))
        && learners.stream().noneMatch(m -> m.id().equals(id));
  }
}

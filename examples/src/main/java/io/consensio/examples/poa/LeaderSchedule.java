package io.consensio.examples.poa;

import io.consensio.api.Member;
import io.consensio.api.Membership;

/**
 * Round robin: the leader of round {@code r} at height {@code h} is member {@code (h + r) mod n} of
 * the sorted membership. Moving the schedule with the height spreads block production over all
 * authorities; moving it with the round replaces a leader that crashed or is cut off.
 */
final class LeaderSchedule {
  private final Membership membership;

  LeaderSchedule(Membership membership) {
    this.membership = membership;
  }

  Member leader(long height, int round) {
    int n = membership.size();
    return membership.members().get((int) Math.floorMod(height + round, (long) n));
  }

  /** Votes needed to decide: a majority, so any two quorums share a member. */
  int quorum() {
    return membership.size() / 2 + 1;
  }
}

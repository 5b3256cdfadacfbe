package io.consensio.pbft;

import io.consensio.api.Membership;
import io.consensio.api.types.NodeId;

/**
 * Quorum arithmetic for n ≥ 3f+1 replicas (OSDI'99 §4): any two sets of 2f+1 replicas intersect in
 * at least one correct replica, and f+1 replicas include at least one correct one. Immutable.
 */
public final class Quorum {
  private final Membership membership;
  private final int f;

  public Quorum(Membership membership, int f) {
    if (membership.size() < 3 * f + 1) {
      throw new IllegalArgumentException("n = " + membership.size() + " < 3f+1 for f = " + f);
    }
    this.membership = membership;
    this.f = f;
  }

  public int n() {
    return membership.size();
  }

  public int f() {
    return f;
  }

  /** 2f+1: matching commits for committed-local, checkpoint messages for a stable checkpoint. */
  public int quorum() {
    return 2 * f + 1;
  }

  /** 2f: prepares from distinct backups that, with the pre-prepare, make a request prepared. */
  public int preparesNeeded() {
    return 2 * f;
  }

  /** f+1: enough to contain a correct replica (joining a view change early, §4.5.2). */
  public int weak() {
    return f + 1;
  }

  /** The primary of view v is replica p = v mod |R|, members sorted by id (§4.1). */
  public NodeId primary(long view) {
    return membership.members().get((int) Math.floorMod(view, (long) membership.size())).id();
  }

  public Membership membership() {
    return membership;
  }
}

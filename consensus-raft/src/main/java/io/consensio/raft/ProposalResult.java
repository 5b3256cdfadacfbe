package io.consensio.raft;

/** Why a membership change proposal was or was not taken (see {@link RaftEngine}). */
public enum ProposalResult {
  /** Appended as a joint configuration C_old,new; C_new follows once it commits. */
  ACCEPTED,
  /** Only the leader proposes changes (and not while it transfers leadership). */
  NOT_LEADER,
  /** A change is still in progress: one at a time (paper §6). */
  CHANGE_IN_PROGRESS,
  /** The member is already in (add) or not in (remove) the configuration. */
  NO_CHANGE,
  /** The change would leave no voter, or the key is already used by another member. */
  INVALID
}

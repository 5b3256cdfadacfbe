package io.consensio.pbft;

import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a replica logged for one (view, sequence number): the pre-prepare it accepted and the
 * prepares and commits it received, at most one of each per sender (a second one from the same
 * sender cannot add to a quorum and would only cost memory). Implements the predicates prepared and
 * committed-local of OSDI'99 §4.2. Not thread-safe.
 */
public final class Slot {
  private final long view;
  private final long seq;
  private PrePrepare prePrepare;
  private NodeId primary;
  private final Map<NodeId, Signed<Prepare>> prepares = new TreeMap<>();
  private final Map<NodeId, Signed<Commit>> commits = new TreeMap<>();
  private boolean commitSent;
  private boolean committed;

  Slot(long view, long seq) {
    this.view = view;
    this.seq = seq;
  }

  public long view() {
    return view;
  }

  public long seq() {
    return seq;
  }

  /**
   * The pre-prepare accepted from the primary, whichever way it was authenticated (a signature or
   * this replica's MAC in an authenticator, TOCS'02 §4): only this replica needs to trust it, as
   * the prepared certificate proves the request with the backups' signed prepares.
   */
  public Optional<PrePrepare> prePrepare() {
    return Optional.ofNullable(prePrepare);
  }

  public Optional<Hash> digest() {
    return prePrepare().map(PrePrepare::digest);
  }

  void setPrePrepare(PrePrepare pp, NodeId from) {
    this.prePrepare = pp;
    this.primary = from;
  }

  void addPrepare(Signed<Prepare> prepare) {
    prepares.putIfAbsent(prepare.sender(), prepare);
  }

  void addCommit(Signed<Commit> commit) {
    commits.putIfAbsent(commit.sender(), commit);
  }

  /** This replica's (or any sender's) own PREPARE in this slot, for retransmission. */
  Optional<Signed<Prepare>> prepareFrom(NodeId sender) {
    return Optional.ofNullable(prepares.get(sender));
  }

  /** A sender's COMMIT in this slot, for retransmission. */
  Optional<Signed<Commit>> commitFrom(NodeId sender) {
    return Optional.ofNullable(commits.get(sender));
  }

  boolean commitSent() {
    return commitSent;
  }

  void markCommitSent() {
    commitSent = true;
  }

  boolean committed() {
    return committed;
  }

  void markCommitted() {
    committed = true;
  }

  /** Prepares from backups (the primary sends none, §4.2) that match the pre-prepare's digest. */
  public List<Signed<Prepare>> matchingPrepares() {
    if (prePrepare == null) {
      return List.of();
    }
    Hash d = prePrepare.digest();
    return prepares.values().stream()
        .filter(p -> !p.sender().equals(primary) && p.message().digest().equals(d))
        .toList();
  }

  public List<Signed<Commit>> matchingCommits() {
    if (prePrepare == null) {
      return List.of();
    }
    Hash d = prePrepare.digest();
    return commits.values().stream().filter(c -> c.message().digest().equals(d)).toList();
  }

  /**
   * prepared(m, v, n, i): the pre-prepare plus 2f matching prepares from distinct backups — 2f+1
   * replicas in all, counting the primary through its pre-prepare (OSDI'99 §4.2).
   */
  public boolean isPrepared(Quorum quorum) {
    return prePrepare != null && matchingPrepares().size() >= quorum.preparesNeeded();
  }

  /** committed-local(m, v, n, i): prepared plus 2f+1 matching commits, possibly its own (§4.2). */
  public boolean isCommittedLocal(Quorum quorum) {
    return isPrepared(quorum) && matchingCommits().size() >= quorum.quorum();
  }

  /**
   * The certificate P_m for a VIEW-CHANGE: ⟨v, n, d⟩ with the block's header (not its transactions,
   * TOCS'02 §4.4) and exactly 2f matching prepares.
   */
  public PreparedProof preparedProof(Quorum quorum) {
    return new PreparedProof(
        view,
        seq,
        prePrepare.block().header(),
        matchingPrepares().subList(0, quorum.preparesNeeded()));
  }
}

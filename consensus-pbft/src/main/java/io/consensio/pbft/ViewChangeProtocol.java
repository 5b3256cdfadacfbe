package io.consensio.pbft;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.ViewChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure rules of the view-change protocol (OSDI'99 §4.4): building and validating VIEW-CHANGE
 * ⟨v+1, n, C, P⟩, and computing the set O of a NEW-VIEW ⟨v+1, V, O⟩ — the new primary to build it,
 * every backup to check it by recomputing it. No I/O and no state: the engine supplies inputs.
 *
 * <p>O is computed as the paper prescribes: min-s is the sequence number of the latest stable
 * checkpoint in V, max-s the highest sequence number in a prepared certificate in V, and for each n
 * in (min-s, max-s] the request prepared in the highest view is re-proposed, a null request
 * otherwise. One adaptation is forced by the ledger: our requests are blocks that name their
 * parent, so a chain cannot skip a gap. A certificate is therefore re-proposed only if its block
 * extends the block chosen at n-1; otherwise n gets a null block (an empty block on the chosen
 * parent). This never drops a block that may have executed anywhere: a replica executes n only
 * after executing n-1, so every executed block's ancestors above min-s committed too, and the
 * paper's argument (a committed request is prepared at f+1 correct replicas, one of which is in
 * every quorum V) places all of them — already chained — in O.
 *
 * <p>Everything here works on block headers: certificates and O carry pre-prepares without their
 * requests (TOCS'02 §4.4). A header's id is d and it names its parent, which is all that choosing
 * and checking O needs; a null block's header is its whole block (no transactions). The bodies of
 * re-proposed blocks are fetched separately ({@link BlockFetcher}).
 */
public final class ViewChangeProtocol {
  private final Quorum quorum;
  private final Verifier verifier;
  private final int checkpointInterval;
  private final int window;
  private final Hash genesisId;

  public ViewChangeProtocol(
      Quorum quorum, Verifier verifier, int checkpointInterval, int window, Hash genesisId) {
    this.quorum = quorum;
    this.verifier = verifier;
    this.checkpointInterval = checkpointInterval;
    this.window = window;
    this.genesisId = genesisId;
  }

  /**
   * The VIEW-CHANGE a replica sends: its stable checkpoint C and prepared certificates P above it.
   */
  public ViewChange build(long newView, StableCheckpoint stable, MessageLog log) {
    return new ViewChange(
        newView,
        stable.seq(),
        stable.proof(),
        log.preparedProofs(stable.seq(), stable.seq() + window));
  }

  /**
   * Checks a VIEW-CHANGE's contents (its own signature is checked on receipt): C proves its
   * checkpoint, and every P_m holds a pre-prepared block and 2f matching signed prepares from
   * distinct backups, for a view below the new one and a sequence number in (n, n+L]. Returns the
   * reason it is invalid, or empty when valid.
   */
  public Optional<String> validate(ViewChange vc) {
    if (vc.newView() == 0) {
      return Optional.of("view-change-to-view-0");
    }
    if (checkpointOf(vc) == null) {
      return Optional.of("bad-checkpoint-proof");
    }
    Set<Long> seqs = new HashSet<>();
    for (PreparedProof proof : vc.prepared()) {
      long seq = proof.seq();
      if (seq <= vc.stableSeq() || seq > vc.stableSeq() + window) {
        return Optional.of("prepared-outside-window");
      }
      if (proof.view() >= vc.newView()) {
        return Optional.of("prepared-in-future-view");
      }
      if (!seqs.add(seq)) {
        return Optional.of("duplicate-prepared-seq");
      }
      if (!isValidPreparedProof(proof)) {
        return Optional.of("bad-prepared-proof");
      }
    }
    return Optional.empty();
  }

  /** The stable checkpoint a VIEW-CHANGE proves, or null if the proof is invalid. */
  public StableCheckpoint checkpointOf(ViewChange vc) {
    return StableCheckpoint.verified(
        vc.stableSeq(), vc.checkpointProof(), genesisId, checkpointInterval, quorum, verifier);
  }

  /**
   * A prepared certificate is valid when its header is for n and unsealed (a pre-prepared block
   * carries no seal) and 2f distinct backups (not the view's primary) signed matching PREPAREs for
   * d, the header's id; {@link PreparedProof} explains why the primary's own signature is not
   * needed. The block's transactions are not part of the certificate (TOCS'02 §4.4).
   */
  boolean isValidPreparedProof(PreparedProof proof) {
    NodeId primary = quorum.primary(proof.view());
    if (proof.header().height() != proof.seq() || proof.header().sealLength() != 0) {
      return false;
    }
    Hash d = proof.digest();
    Set<NodeId> backups = new HashSet<>();
    for (Signed<Prepare> p : proof.prepares()) {
      Prepare pm = p.message();
      if (pm.view() != proof.view()
          || pm.seq() != proof.seq()
          || !pm.digest().equals(d)
          || p.sender().equals(primary)
          || !backups.add(p.sender())
          || !p.verify(quorum.membership(), verifier)) {
        return false;
      }
    }
    return backups.size() >= quorum.preparesNeeded();
  }

  /** What V determines before any block of O is chosen. */
  public record Selection(
      long minS, StableCheckpoint checkpoint, long maxS, NavigableMap<Long, PreparedProof> certs) {}

  /** min-s, max-s and, per sequence number, the certificate from the highest view (§4.4). */
  public Selection select(List<Signed<ViewChange>> viewChanges) {
    StableCheckpoint latest = null;
    for (Signed<ViewChange> vc : viewChanges) {
      StableCheckpoint c = checkpointOf(vc.message());
      if (latest == null || c.seq() > latest.seq()) {
        latest = c;
      }
    }
    NavigableMap<Long, PreparedProof> certs = new TreeMap<>();
    for (Signed<ViewChange> vc : viewChanges) {
      for (PreparedProof proof : vc.message().prepared()) {
        if (proof.seq() <= latest.seq()) {
          continue;
        }
        PreparedProof held = certs.get(proof.seq());
        if (held == null || proof.view() > held.view()) {
          certs.put(proof.seq(), proof);
        }
      }
    }
    long maxS = certs.isEmpty() ? latest.seq() : certs.lastKey();
    return new Selection(latest.seq(), latest, maxS, certs);
  }

  /**
   * One entry of O: the header of the block chosen for a sequence number (its id is d) and whether
   * it is a re-proposal.
   */
  public record Choice(long seq, BlockHeader header, boolean reproposed) {}

  /**
   * Supplies the header of the null block at {@code seq} on {@code parentId}, or empty if none is
   * acceptable.
   */
  @FunctionalInterface
  public interface NullBlocks {
    Optional<BlockHeader> nullBlock(long seq, Hash parentId);
  }

  /**
   * Walks (min-s, max-s] choosing the re-proposed certificate's block when it extends the previous
   * choice and a null block otherwise. Only headers are needed: the parent link is in the header.
   * Empty when a needed null block cannot be had.
   */
  public Optional<List<Choice>> choose(Selection selection, NullBlocks nullBlocks) {
    List<Choice> choices = new ArrayList<>();
    Hash previous = selection.checkpoint().blockId();
    for (long n = selection.minS() + 1; n <= selection.maxS(); n++) {
      PreparedProof cert = selection.certs().get(n);
      Choice choice;
      if (cert != null && cert.header().parent().equals(previous)) {
        choice = new Choice(n, cert.header(), true);
      } else {
        Optional<BlockHeader> nul = nullBlocks.nullBlock(n, previous);
        if (nul.isEmpty()) {
          return Optional.empty();
        }
        choice = new Choice(n, nul.get(), false);
      }
      choices.add(choice);
      previous = choice.header().id();
    }
    return Optional.of(choices);
  }

  /** The outcome of checking a NEW-VIEW: the reason it is invalid, or its selection. */
  public record NewViewVerdict(String reason, Selection selection) {
    public boolean valid() {
      return reason.isEmpty();
    }
  }

  /**
   * Checks a NEW-VIEW (its own signature and sender are checked on receipt, and cover O): V holds
   * 2f+1 valid VIEW-CHANGE messages for this view from distinct replicas, and O is exactly what
   * {@link #choose} computes from V — one unsealed header per n in (min-s, max-s], each either the
   * re-proposed certificate's or a null block of the new primary (§4.4). Needs no block bodies.
   */
  public NewViewVerdict check(NewView nv) {
    if (nv.viewChanges().size() < quorum.quorum()) {
      return rejected("too-few-view-changes");
    }
    Set<NodeId> senders = new HashSet<>();
    for (Signed<ViewChange> vc : nv.viewChanges()) {
      if (!senders.add(vc.sender())
          || vc.message().newView() != nv.view()
          || !vc.verify(quorum.membership(), verifier)
          || validate(vc.message()).isPresent()) {
        return rejected("bad-view-change-in-v");
      }
    }
    Selection selection = select(nv.viewChanges());
    List<BlockHeader> o = nv.proposals();
    if (o.size() != selection.maxS() - selection.minS()) {
      return rejected("o-wrong-size");
    }
    for (int i = 0; i < o.size(); i++) {
      if (o.get(i).height() != selection.minS() + 1 + i || o.get(i).sealLength() != 0) {
        return rejected("o-bad-pre-prepare");
      }
    }
    PublicKey primaryKey =
        quorum.membership().member(quorum.primary(nv.view())).orElseThrow().publicKey();
    Optional<List<Choice>> choices =
        choose(
            selection,
            (seq, parent) -> {
              BlockHeader h = o.get((int) (seq - selection.minS() - 1));
              return isNullBlock(h, seq, parent, primaryKey) ? Optional.of(h) : Optional.empty();
            });
    if (choices.isEmpty()) {
      return rejected("o-not-recomputable");
    }
    for (int i = 0; i < o.size(); i++) {
      if (!o.get(i).id().equals(choices.get().get(i).header().id())) {
        return rejected("o-not-recomputable");
      }
    }
    return new NewViewVerdict("", selection);
  }

  private static NewViewVerdict rejected(String reason) {
    return new NewViewVerdict(reason, null);
  }

  /**
   * The structural rule for a null block a new primary proposes: no transactions (the empty
   * transaction root, so its body is its header), the right height and parent, proposed by the new
   * primary, unsealed. Its state root is checked by the ledger on import, and agreement on it by
   * the prepare phase of the new view.
   */
  public static boolean isNullBlock(
      BlockHeader header, long seq, Hash parentId, PublicKey primaryKey) {
    return header.txRoot().equals(MerkleTree.EMPTY_ROOT)
        && header.height() == seq
        && header.parent().equals(parentId)
        && header.proposer().equals(primaryKey)
        && header.sealLength() == 0;
  }
}

package io.consensio.pbft.auth;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Signer;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.NewKey;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replica's side of the MAC-authenticated normal case (Castro and Liskov, TOCS'02 §4: a message
 * multicast to the group carries an authenticator, one MAC per receiver, instead of a signature):
 * announces this replica's X25519 key in a signed NEW-KEY (TOCS'02 §5), learns the keys its peers
 * announce, builds the authenticator of an outgoing PRE-PREPARE and checks the entry addressed to
 * this replica in an incoming one. Entries follow the membership order; the sender's own entry is
 * empty, and so is the entry of a peer whose key is not known yet (that peer drops the message and
 * gets it again by retransmission once the keys are exchanged).
 *
 * <p>Only PRE-PREPARE is MAC-authenticated; every other message stays signed, because MACs are not
 * transferable (TOCS'02 §4.1: a receiver can check a tag addressed to it, but cannot prove to a
 * third replica who sent the message):
 *
 * <ul>
 *   <li>COMMIT: 2f+1 COMMIT signatures are the commit certificate in the block's seal, which any
 *       node or light client checks without trusting the sender;
 *   <li>PREPARE: a VIEW-CHANGE must prove each prepared request with 2f signed PREPAREs. With MAC'd
 *       prepares a correct replica that prepared holds nothing it can show. Signing them "lazily"
 *       when a view change starts does not help: f faulty backups can withhold their signatures,
 *       and the correct replica is then left with as few as f signed prepares, so a request that
 *       committed could be replaced by a null request in the new view. The paper's answer is a
 *       different view change (§4: VIEW-CHANGE-ACKs and a decision procedure over claims), which
 *       this engine does not implement;
 *   <li>VIEW-CHANGE, NEW-VIEW, CHECKPOINT, STATUS, state transfer and NEW-KEY: relayed inside other
 *       messages or proofs, or rare.
 * </ul>
 *
 * The prepared certificate therefore carries the pre-prepared block without the primary's signature
 * (see {@code PreparedProof} for why 2f signed prepares are enough), which is what makes an
 * unsigned PRE-PREPARE possible at all.
 *
 * <p>Deterministic: the keys derive from the replica's signer ({@link PairwiseMacs}). Not
 * thread-safe; runs on the event loop.
 */
public final class MacAuthenticator {
  private final NodeId self;
  private final Membership membership;
  private final PairwiseMacs macs;
  private final Signed<NewKey> askingAnnouncement;
  private final Signed<NewKey> answeringAnnouncement;

  /** The key each peer last announced, to skip re-deriving keys for a repeated NEW-KEY. */
  private final Map<NodeId, byte[]> announced = new HashMap<>();

  public MacAuthenticator(NodeId self, Membership membership, Signer signer) {
    this.self = self;
    this.membership = membership;
    this.macs = new PairwiseMacs(self, signer);
    byte[] key = macs.publicKey();
    this.askingAnnouncement = Signed.sign(new NewKey(key, true), self, signer);
    this.answeringAnnouncement = Signed.sign(new NewKey(key, false), self, signer);
  }

  /**
   * This replica's signed NEW-KEY; {@code replyWanted} asks receivers for theirs. Signed once: the
   * key never changes, so resending costs no signature.
   */
  public Signed<NewKey> announcement(boolean replyWanted) {
    return replyWanted ? askingAnnouncement : answeringAnnouncement;
  }

  /**
   * Learns the key in a NEW-KEY whose signature and sender the caller verified. Returns the reason
   * to drop it, or empty once the key is learned.
   */
  public Optional<String> onNewKey(Signed<NewKey> signed) {
    NodeId peer = signed.sender();
    if (peer.equals(self)) {
      return Optional.of("own-new-key");
    }
    byte[] key = signed.message().macPublicKey();
    if (Arrays.equals(announced.get(peer), key)) {
      return Optional.empty();
    }
    if (!macs.learn(peer, key)) {
      return Optional.of("bad-mac-key");
    }
    announced.put(peer, key);
    return Optional.empty();
  }

  /** True once the pair keys with every other member are known. */
  public boolean knowsAllPeers() {
    for (Member m : membership.members()) {
      if (!m.id().equals(self) && !macs.knows(m.id())) {
        return false;
      }
    }
    return true;
  }

  /** {@code pp} from this replica with one tag per other member whose key is known. */
  public MacPrePrepare authenticate(PrePrepare pp) {
    byte[] covered = MacPrePrepare.macBytes(pp, self);
    List<byte[]> tags = new ArrayList<>(membership.size());
    for (Member m : membership.members()) {
      tags.add(m.id().equals(self) ? new byte[0] : macs.tag(m.id(), covered).orElse(new byte[0]));
    }
    return new MacPrePrepare(pp, self, tags);
  }

  /**
   * Checks the entry of the authenticator addressed to this replica; the caller has checked that
   * the claimed sender is the authenticated peer. Returns the reason to drop it, or empty.
   */
  public Optional<String> check(MacPrePrepare received) {
    if (!macs.knows(received.sender())) {
      return Optional.of("unknown-mac-key");
    }
    if (received.tags().size() != membership.size()) {
      return Optional.of("malformed-authenticator");
    }
    byte[] tag = received.tagFor(membership.indexOf(self));
    if (tag.length == 0) {
      return Optional.of("missing-mac");
    }
    byte[] covered = MacPrePrepare.macBytes(received.message(), received.sender());
    return macs.check(received.sender(), covered, tag) ? Optional.empty() : Optional.of("bad-mac");
  }
}

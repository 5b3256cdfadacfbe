package io.consensio.pbft;

import io.consensio.api.Membership;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Signed;
import java.util.Optional;

/**
 * Authenticates a decoded message from a peer before any protocol code sees it: the peer is a
 * member, the claimed sender is the peer the transport authenticated, the signature verifies (or,
 * for a {@code macs}-mode PRE-PREPARE, this replica's tag in the authenticator does, TOCS'02 §4),
 * and a PRE-PREPARE's block is the one its digest names (d = D(m), OSDI'99 §4.2: the signature or
 * MAC covers ⟨v, n, d⟩ only). Stateless apart from the key exchange; runs on the event loop.
 */
final class InboundCheck {
  private final Membership membership;
  private final Verifier verifier;
  private final Optional<KeyExchange> keyExchange;

  InboundCheck(Membership membership, Verifier verifier, Optional<KeyExchange> keyExchange) {
    this.membership = membership;
    this.verifier = verifier;
    this.keyExchange = keyExchange;
  }

  /** The reason to drop {@code envelope} received from {@code from}, or empty to accept it. */
  Optional<String> refusal(NodeId from, Authenticated<? extends PbftMessage> envelope) {
    if (!membership.contains(from)) {
      return Optional.of("unknown-peer");
    }
    if (!envelope.sender().equals(from)) {
      return Optional.of("sender-mismatch");
    }
    if (envelope instanceof MacPrePrepare mac) {
      Optional<String> refused =
          keyExchange.isEmpty() ? Optional.of("macs-disabled") : keyExchange.get().check(mac);
      if (refused.isPresent()) {
        return refused;
      }
    } else if (envelope instanceof Signed<? extends PbftMessage> signed
        && !signed.verify(membership, verifier)) {
      return Optional.of("bad-signature");
    }
    return unboundBlock(envelope.message());
  }

  /**
   * A PRE-PREPARE's block is checked against d here, before anything (the future-view buffer, the
   * normal case) reads it. Returns the drop reason for a block its primary did not vouch for.
   */
  private static Optional<String> unboundBlock(PbftMessage message) {
    if (message instanceof PrePrepare pp && !pp.bindsBlock()) {
      return Optional.of(
          pp.digest().equals(pp.block().id()) ? "malformed-block" : "digest-mismatch");
    }
    return Optional.empty();
  }
}

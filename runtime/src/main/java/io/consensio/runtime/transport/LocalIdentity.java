package io.consensio.runtime.transport;

import io.consensio.api.Membership;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything a {@link HandshakeHandler} needs to prove who this node is and to check who the peer
 * is. One instance per transport, shared by all its connections; every part is thread-safe. The
 * membership can change while the node runs (an engine with dynamic membership reports it), so it
 * is held in an atomic reference and read afresh by every handshake.
 */
record LocalIdentity(
    NodeId self,
    Signer signer,
    AtomicReference<Membership> currentMembership,
    Verifier verifier,
    String networkId,
    String consensusType,
    Duration handshakeTimeout,
    SecureRandom random,
    Metrics metrics) {

  /** The members whose keys a handshake accepts, as of now. */
  Membership membership() {
    return currentMembership.get();
  }

  byte[] freshChallenge() {
    byte[] challenge = new byte[HandshakeMessage.CHALLENGE_BYTES];
    random.nextBytes(challenge);
    return challenge;
  }

  HandshakeMessage.Identity identity(byte[] challenge) {
    return new HandshakeMessage.Identity(
        HandshakeCodec.PROTOCOL_VERSION, networkId, consensusType, self, challenge);
  }
}

package io.consensio.runtime.transport;

import io.consensio.api.Membership;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Everything a {@link HandshakeHandler} needs to prove who this node is and to check who the peer
 * is. One instance per transport, shared by all its connections; every part is thread-safe.
 */
record LocalIdentity(
    NodeId self,
    Signer signer,
    Membership membership,
    Verifier verifier,
    String networkId,
    String consensusType,
    Duration handshakeTimeout,
    SecureRandom random,
    Metrics metrics) {

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

package io.consensio.runtime.transport;

import io.consensio.api.crypto.Signature;
import io.consensio.api.types.NodeId;
import java.util.Arrays;
import java.util.Objects;

/**
 * The three messages of the peer handshake, in the order they are sent: the dialer's {@link Hello},
 * the acceptor's {@link HelloReply} (its own hello plus its proof), and the dialer's {@link Proof}.
 * Encoded by {@link HandshakeCodec}.
 */
sealed interface HandshakeMessage {

  /** Length of every handshake challenge. */
  int CHALLENGE_BYTES = 32;

  /** What a node says about itself; both sides send one. */
  record Identity(
      int protocolVersion,
      String networkId,
      String consensusType,
      NodeId nodeId,
      byte[] challenge) {
    public Identity {
      Objects.requireNonNull(networkId);
      Objects.requireNonNull(consensusType);
      Objects.requireNonNull(nodeId);
      if (challenge.length != CHALLENGE_BYTES) {
        throw new IllegalArgumentException("a challenge has " + CHALLENGE_BYTES + " bytes");
      }
      challenge = challenge.clone();
    }

    @Override
    public byte[] challenge() {
      return challenge.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other
          && protocolVersion == other.protocolVersion
          && networkId.equals(other.networkId)
          && consensusType.equals(other.consensusType)
          && nodeId.equals(other.nodeId)
          && Arrays.equals(challenge, other.challenge);
    }

    @Override
    public int hashCode() {
      return Objects.hash(protocolVersion, networkId, consensusType, nodeId)
          ^ Arrays.hashCode(challenge);
    }
  }

  /** Dialer to acceptor: who I am and the challenge you must sign. */
  record Hello(Identity identity) implements HandshakeMessage {}

  /**
   * Acceptor to dialer: who I am, my challenge for you, and my signature over your challenge (see
   * {@link HandshakeCodec#transcript}).
   */
  record HelloReply(Identity identity, Signature signature) implements HandshakeMessage {}

  /** Dialer to acceptor: my signature over your challenge. */
  record Proof(Signature signature) implements HandshakeMessage {}
}

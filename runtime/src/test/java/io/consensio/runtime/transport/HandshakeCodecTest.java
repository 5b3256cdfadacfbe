package io.consensio.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.transport.HandshakeCodec.Signer;
import io.consensio.runtime.transport.HandshakeMessage.Hello;
import io.consensio.runtime.transport.HandshakeMessage.HelloReply;
import io.consensio.runtime.transport.HandshakeMessage.Identity;
import io.consensio.runtime.transport.HandshakeMessage.Proof;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandshakeCodecTest {
  private static final byte[] CHALLENGE = new byte[32];

  static {
    Arrays.fill(CHALLENGE, (byte) 7);
  }

  private final Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
  private final Identity identity =
      new Identity(
          HandshakeCodec.PROTOCOL_VERSION, "testnet", "raft", NodeId.of("node-1"), CHALLENGE);
  private final Signature signature = key.sign(new byte[] {1, 2, 3});

  @Test
  void everyMessageDecodesToWhatWasEncoded() {
    for (HandshakeMessage message :
        new HandshakeMessage[] {
          new Hello(identity), new HelloReply(identity, signature), new Proof(signature)
        }) {
      assertThat(HandshakeCodec.decode(HandshakeCodec.encode(message))).isEqualTo(message);
    }
  }

  @Test
  void theLargestHelloReplyFitsThePreHandshakeFrameLimit() {
    Identity largest =
        new Identity(
            HandshakeCodec.PROTOCOL_VERSION,
            "n".repeat(TransportConfig.MAX_NETWORK_ID_BYTES),
            "c".repeat(TransportConfig.MAX_CONSENSUS_TYPE_BYTES),
            NodeId.of("x".repeat(64)),
            CHALLENGE);

    assertThat(HandshakeCodec.encode(new HelloReply(largest, signature)).length)
        .isLessThanOrEqualTo(HandshakeCodec.MAX_MESSAGE_BYTES);
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] encoded = HandshakeCodec.encode(new Proof(signature));
    byte[] padded = Arrays.copyOf(encoded, encoded.length + 1);

    assertThatThrownBy(() -> HandshakeCodec.decode(padded))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void truncatedInputAndUnknownTagsAreRejected() {
    byte[] encoded = HandshakeCodec.encode(new Hello(identity));

    assertThatThrownBy(() -> HandshakeCodec.decode(Arrays.copyOf(encoded, encoded.length - 1)))
        .isInstanceOf(DecodingException.class);
    encoded[0] = 9;
    assertThatThrownBy(() -> HandshakeCodec.decode(encoded))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("tag 9");
    assertThatThrownBy(() -> HandshakeCodec.decode(new byte[0]))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void anInvalidNodeIdIsADecodingError() {
    byte[] encoded = HandshakeCodec.encode(new Hello(identity));
    // Layout: tag, version, "testnet", "raft", then the id "node-1" as length + bytes.
    int idOffset = 1 + 4 + (4 + 7) + (4 + 4) + 4;
    encoded[idOffset] = ' ';

    assertThatThrownBy(() -> HandshakeCodec.decode(encoded))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("node id");
  }

  @Test
  void aSignatureProvesOnlyTheRoleChallengeIdsNetworkAndConsensusItWasMadeFor() {
    NodeId dialer = NodeId.of("node-1");
    NodeId acceptor = NodeId.of("node-2");
    byte[] signed =
        HandshakeCodec.transcript(Signer.ACCEPTOR, CHALLENGE, dialer, acceptor, "testnet", "raft");
    Signature proof = key.sign(signed);
    byte[] otherChallenge = CHALLENGE.clone();
    otherChallenge[0] ^= 1;

    assertThat(verifies(signed, proof)).isTrue();
    assertThat(
            verifies(
                HandshakeCodec.transcript(
                    Signer.DIALER, CHALLENGE, dialer, acceptor, "testnet", "raft"),
                proof))
        .as("reflected as the other role")
        .isFalse();
    assertThat(
            verifies(
                HandshakeCodec.transcript(
                    Signer.ACCEPTOR, otherChallenge, dialer, acceptor, "testnet", "raft"),
                proof))
        .as("replayed against another challenge")
        .isFalse();
    assertThat(
            verifies(
                HandshakeCodec.transcript(
                    Signer.ACCEPTOR, CHALLENGE, acceptor, dialer, "testnet", "raft"),
                proof))
        .as("ids swapped")
        .isFalse();
    assertThat(
            verifies(
                HandshakeCodec.transcript(
                    Signer.ACCEPTOR, CHALLENGE, dialer, acceptor, "testnet", "pbft"),
                proof))
        .as("another consensus")
        .isFalse();
  }

  private boolean verifies(byte[] transcript, Signature proof) {
    return Ed25519Verifier.INSTANCE.verify(key.publicKey(), transcript, proof);
  }
}

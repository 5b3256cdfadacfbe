package io.consensio.runtime.transport;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.transport.HandshakeMessage.Hello;
import io.consensio.runtime.transport.HandshakeMessage.HelloReply;
import io.consensio.runtime.transport.HandshakeMessage.Identity;
import io.consensio.runtime.transport.HandshakeMessage.Proof;

/**
 * Canonical encoding of the handshake messages and of the transcript each side signs. Decoding is
 * strict: an unknown tag, a field beyond its limit, or trailing bytes raise {@link
 * DecodingException}. Stateless and thread-safe.
 */
final class HandshakeCodec {
  /** Bumped whenever the handshake or the data framing changes incompatibly. */
  static final int PROTOCOL_VERSION = 1;

  /** Upper bound on an encoded handshake message; frames before authentication are capped here. */
  static final int MAX_MESSAGE_BYTES = 1024;

  private static final int TAG_HELLO = 1;
  private static final int TAG_HELLO_REPLY = 2;
  private static final int TAG_PROOF = 3;

  /**
   * Prefix of every signed transcript. It separates handshake signatures from every other thing a
   * node signs (blocks, transactions, votes), so a handshake signature can never be replayed as
   * one.
   */
  private static final String TRANSCRIPT_DOMAIN = "consensio/handshake/v1";

  /** Which side produced a signature; part of the transcript so a signature cannot be reflected. */
  enum Signer {
    ACCEPTOR(1),
    DIALER(2);

    private final int tag;

    Signer(int tag) {
      this.tag = tag;
    }
  }

  private HandshakeCodec() {}

  static byte[] encode(HandshakeMessage message) {
    CanonicalWriter writer = new CanonicalWriter(256);
    // Java 17 has no pattern matching for switch; the interface is sealed, so this is exhaustive.
    if (message instanceof Hello hello) {
      writer.writeByte(TAG_HELLO);
      writeIdentity(writer, hello.identity());
    } else if (message instanceof HelloReply reply) {
      writer.writeByte(TAG_HELLO_REPLY);
      writeIdentity(writer, reply.identity());
      reply.signature().write(writer);
    } else {
      Proof proof = (Proof) message;
      writer.writeByte(TAG_PROOF);
      proof.signature().write(writer);
    }
    return writer.toByteArray();
  }

  static HandshakeMessage decode(byte[] bytes) {
    CanonicalReader reader = new CanonicalReader(bytes);
    int tag = reader.readByte();
    HandshakeMessage message =
        switch (tag) {
          case TAG_HELLO -> new Hello(readIdentity(reader));
          case TAG_HELLO_REPLY -> new HelloReply(readIdentity(reader), Signature.read(reader));
          case TAG_PROOF -> new Proof(Signature.read(reader));
          default -> throw new DecodingException("unknown handshake message tag " + tag);
        };
    reader.finish();
    return message;
  }

  /**
   * The bytes a side signs to prove it holds its membership key: the domain, who signs, the other
   * side's fresh challenge, both node ids (dialer first) and the network and consensus both sides
   * agreed on. Binding the ids stops a relay from passing one node's proof off as another's; the
   * fresh challenge stops replay of an old proof.
   */
  static byte[] transcript(
      Signer signer,
      byte[] challenge,
      NodeId dialer,
      NodeId acceptor,
      String networkId,
      String consensusType) {
    CanonicalWriter writer = new CanonicalWriter(192);
    writer.writeString(TRANSCRIPT_DOMAIN);
    writer.writeByte(signer.tag);
    writer.writeFixed(challenge);
    dialer.write(writer);
    acceptor.write(writer);
    writer.writeString(networkId);
    writer.writeString(consensusType);
    return writer.toByteArray();
  }

  private static void writeIdentity(CanonicalWriter writer, Identity identity) {
    writer.writeInt(identity.protocolVersion());
    writer.writeString(identity.networkId());
    writer.writeString(identity.consensusType());
    identity.nodeId().write(writer);
    writer.writeFixed(identity.challenge());
  }

  private static Identity readIdentity(CanonicalReader reader) {
    int version = reader.readInt();
    String networkId = reader.readString(TransportConfig.MAX_NETWORK_ID_BYTES);
    String consensusType = reader.readString(TransportConfig.MAX_CONSENSUS_TYPE_BYTES);
    NodeId nodeId = NodeId.read(reader);
    byte[] challenge = reader.readFixed(HandshakeMessage.CHALLENGE_BYTES);
    return new Identity(version, networkId, consensusType, nodeId, challenge);
  }
}

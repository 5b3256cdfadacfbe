package io.consensio.runtime.transport;

import io.consensio.api.crypto.Signer;
import io.consensio.api.types.NodeId;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

/**
 * A hand-driven peer on a plain blocking socket: it can run the dialer's side of the handshake byte
 * by byte and then write anything at all, which is how the tests send frames a real transport never
 * would.
 */
final class RawPeer implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private RawPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  static RawPeer connect(int port) throws IOException {
    return new RawPeer(new Socket("127.0.0.1", port));
  }

  static RawPeer wrap(Socket socket) throws IOException {
    return new RawPeer(socket);
  }

  /** Runs the dialer's side of the handshake as {@code self} against {@code acceptor}. */
  void authenticateAsDialer(NodeId self, Signer key, NodeId acceptor) throws IOException {
    byte[] challenge = randomChallenge();
    writeFrame(HandshakeCodec.encode(new HandshakeMessage.Hello(identity(self, challenge))));
    HandshakeMessage.HelloReply reply =
        (HandshakeMessage.HelloReply) HandshakeCodec.decode(readFrame());
    byte[] transcript =
        HandshakeCodec.transcript(
            HandshakeCodec.Signer.DIALER,
            reply.identity().challenge(),
            self,
            acceptor,
            TestCluster.NETWORK,
            TestCluster.CONSENSUS);
    writeFrame(HandshakeCodec.encode(new HandshakeMessage.Proof(key.sign(transcript))));
  }

  /** Runs the acceptor's side of the handshake as {@code self}, for a peer that dialled us. */
  void authenticateAsAcceptor(NodeId self, Signer key) throws IOException {
    HandshakeMessage.Hello hello = (HandshakeMessage.Hello) HandshakeCodec.decode(readFrame());
    NodeId dialer = hello.identity().nodeId();
    byte[] transcript =
        HandshakeCodec.transcript(
            HandshakeCodec.Signer.ACCEPTOR,
            hello.identity().challenge(),
            dialer,
            self,
            TestCluster.NETWORK,
            TestCluster.CONSENSUS);
    writeFrame(
        HandshakeCodec.encode(
            new HandshakeMessage.HelloReply(
                identity(self, randomChallenge()), key.sign(transcript))));
    HandshakeCodec.decode(readFrame()); // the dialer's proof; this peer trusts it blindly
  }

  void writeFrame(byte[] body) throws IOException {
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  byte[] readFrame() throws IOException {
    int length = in.readInt();
    byte[] body = new byte[length];
    in.readFully(body);
    return body;
  }

  /**
   * Whether the other side closes this connection within the await deadline. The transport never
   * writes to this socket after the handshake, so reading blocks until it closes.
   */
  boolean closedByPeer() throws IOException {
    socket.setSoTimeout((int) Await.DEADLINE_MS);
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the peer
    }
  }

  private static HandshakeMessage.Identity identity(NodeId self, byte[] challenge) {
    return new HandshakeMessage.Identity(
        HandshakeCodec.PROTOCOL_VERSION,
        TestCluster.NETWORK,
        TestCluster.CONSENSUS,
        self,
        challenge);
  }

  private static byte[] randomChallenge() {
    byte[] challenge = new byte[HandshakeMessage.CHALLENGE_BYTES];
    new SecureRandom().nextBytes(challenge);
    return challenge;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

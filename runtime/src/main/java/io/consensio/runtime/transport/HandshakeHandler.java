package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TransportMetrics.BAD_SIGNATURE;
import static io.consensio.runtime.transport.TransportMetrics.CONSENSUS_MISMATCH;
import static io.consensio.runtime.transport.TransportMetrics.HANDSHAKE_DECODE;
import static io.consensio.runtime.transport.TransportMetrics.HANDSHAKE_TIMEOUT;
import static io.consensio.runtime.transport.TransportMetrics.NETWORK_MISMATCH;
import static io.consensio.runtime.transport.TransportMetrics.PROTOCOL_VERSION;
import static io.consensio.runtime.transport.TransportMetrics.REASON;
import static io.consensio.runtime.transport.TransportMetrics.SELF_CONNECTION;
import static io.consensio.runtime.transport.TransportMetrics.UNEXPECTED_HANDSHAKE_MESSAGE;
import static io.consensio.runtime.transport.TransportMetrics.UNKNOWN_PEER;
import static io.consensio.runtime.transport.TransportMetrics.WRONG_PEER;

import io.consensio.api.Member;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.transport.HandshakeCodec.Signer;
import io.consensio.runtime.transport.HandshakeMessage.Hello;
import io.consensio.runtime.transport.HandshakeMessage.HelloReply;
import io.consensio.runtime.transport.HandshakeMessage.Identity;
import io.consensio.runtime.transport.HandshakeMessage.Proof;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the mutual authentication of one connection before any data frame is accepted on it.
 *
 * <pre>
 * dialer   -> acceptor : Hello(version, network, consensus, dialerId, challengeD)
 * acceptor -> dialer   : HelloReply(version, network, consensus, acceptorId, challengeA,
 *                                   sign_acceptor(transcript(ACCEPTOR, challengeD, ids, ...)))
 * dialer   -> acceptor : Proof(sign_dialer(transcript(DIALER, challengeA, ids, ...)))
 * </pre>
 *
 * Each side checks that the other runs the same protocol version, network and consensus type, that
 * its id is in the membership (and, for the dialer, is the peer it meant to dial), and that its
 * signature verifies under the membership's key for that id. Any failure is counted as {@code
 * transport.refused{reason}}, logged once, and closes the connection; frames that arrive after a
 * refusal are discarded. A connection that stays silent past the timeout is closed too.
 *
 * <p>This is the signature-based three-pass mutual authentication of ISO/IEC 9798-3, with both
 * identities bound into each signed transcript as SIGMA does (Krawczyk, CRYPTO 2003, section 3) to
 * stop a relay from passing one node's proof off as another's. It authenticates the connection's
 * endpoints only: no session key is agreed, so frames after the handshake are neither encrypted nor
 * integrity-protected against an attacker on the network path.
 *
 * <p>On success the handler hands the context to its {@link Listener}, which replaces this handler
 * with the data handler of its role. One instance per connection, confined to its event loop.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

  /** Told once, on the event loop, when the peer has proved its identity. */
  @FunctionalInterface
  interface Listener {
    void authenticated(ChannelHandlerContext ctx, NodeId peer);
  }

  private enum State {
    AWAITING_HELLO,
    AWAITING_REPLY,
    AWAITING_PROOF,
    DONE,
    FAILED
  }

  private final LocalIdentity local;
  private final boolean dialer;
  private final NodeId expectedPeer; // the dialer knows whom it called; null for the acceptor
  private final Listener listener;
  private final byte[] ownChallenge;
  private State state;
  private NodeId peer;
  private ScheduledFuture<?> timeout;

  private HandshakeHandler(
      LocalIdentity local, boolean dialer, NodeId expectedPeer, Listener listener) {
    this.local = local;
    this.dialer = dialer;
    this.expectedPeer = expectedPeer;
    this.listener = listener;
    this.ownChallenge = local.freshChallenge();
    this.state = dialer ? State.AWAITING_REPLY : State.AWAITING_HELLO;
  }

  static HandshakeHandler dialer(LocalIdentity local, NodeId expectedPeer, Listener listener) {
    return new HandshakeHandler(local, true, expectedPeer, listener);
  }

  static HandshakeHandler acceptor(LocalIdentity local, Listener listener) {
    return new HandshakeHandler(local, false, null, listener);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    timeout =
        ctx.executor()
            .schedule(
                () -> onTimeout(ctx), local.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    if (dialer) {
      ctx.writeAndFlush(
          FrameEncoder.handshakeFrame(ctx.alloc(), new Hello(local.identity(ownChallenge))));
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimeout();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (state == State.FAILED || !(msg instanceof ByteBuf frame)) {
        return; // refused already: whatever the peer sent after is discarded unread
      }
      HandshakeMessage message;
      try {
        message = HandshakeCodec.decode(ByteBufUtil.getBytes(frame));
      } catch (DecodingException e) {
        malformed(ctx, HANDSHAKE_DECODE, e.getMessage());
        return;
      }
      if (state == State.AWAITING_HELLO && message instanceof Hello hello) {
        onHello(ctx, hello.identity());
      } else if (state == State.AWAITING_REPLY && message instanceof HelloReply reply) {
        onReply(ctx, reply);
      } else if (state == State.AWAITING_PROOF && message instanceof Proof proof) {
        onProof(ctx, proof.signature());
      } else {
        malformed(
            ctx,
            UNEXPECTED_HANDSHAKE_MESSAGE,
            message.getClass().getSimpleName() + " while " + state);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** Acceptor: check the dialer's claims, then answer with our hello and our proof. */
  private void onHello(ChannelHandlerContext ctx, Identity theirs) {
    if (!acceptableIdentity(ctx, theirs)) {
      return;
    }
    peer = theirs.nodeId();
    byte[] transcript =
        HandshakeCodec.transcript(
            Signer.ACCEPTOR,
            theirs.challenge(),
            peer,
            local.self(),
            local.networkId(),
            local.consensusType());
    Signature signature = local.signer().sign(transcript);
    ctx.writeAndFlush(
        FrameEncoder.handshakeFrame(
            ctx.alloc(), new HelloReply(local.identity(ownChallenge), signature)));
    state = State.AWAITING_PROOF;
  }

  /** Dialer: check the acceptor's claims and proof, then prove ourselves. */
  private void onReply(ChannelHandlerContext ctx, HelloReply reply) {
    Identity theirs = reply.identity();
    if (!acceptableIdentity(ctx, theirs)) {
      return;
    }
    if (!theirs.nodeId().equals(expectedPeer)) {
      refuse(
          ctx,
          WRONG_PEER,
          "dialled " + expectedPeer + " but the node there says it is " + theirs.nodeId());
      return;
    }
    peer = theirs.nodeId();
    byte[] transcript =
        HandshakeCodec.transcript(
            Signer.ACCEPTOR,
            ownChallenge,
            local.self(),
            peer,
            local.networkId(),
            local.consensusType());
    if (!verifies(peer, transcript, reply.signature())) {
      refuse(ctx, BAD_SIGNATURE, "peer " + peer + " did not prove the membership's key for it");
      return;
    }
    byte[] ours =
        HandshakeCodec.transcript(
            Signer.DIALER,
            theirs.challenge(),
            local.self(),
            peer,
            local.networkId(),
            local.consensusType());
    ctx.writeAndFlush(
        FrameEncoder.handshakeFrame(ctx.alloc(), new Proof(local.signer().sign(ours))));
    succeed(ctx);
  }

  /** Acceptor: the dialer's proof is the last step. */
  private void onProof(ChannelHandlerContext ctx, Signature signature) {
    byte[] transcript =
        HandshakeCodec.transcript(
            Signer.DIALER,
            ownChallenge,
            peer,
            local.self(),
            local.networkId(),
            local.consensusType());
    if (!verifies(peer, transcript, signature)) {
      refuse(ctx, BAD_SIGNATURE, "peer " + peer + " did not prove the membership's key for it");
      return;
    }
    succeed(ctx);
  }

  private boolean acceptableIdentity(ChannelHandlerContext ctx, Identity theirs) {
    NodeId id = theirs.nodeId();
    if (theirs.protocolVersion() != HandshakeCodec.PROTOCOL_VERSION) {
      return refuse(
          ctx,
          PROTOCOL_VERSION,
          "peer "
              + id
              + " speaks transport protocol "
              + theirs.protocolVersion()
              + ", this node "
              + HandshakeCodec.PROTOCOL_VERSION);
    }
    if (!theirs.networkId().equals(local.networkId())) {
      return refuse(
          ctx,
          NETWORK_MISMATCH,
          "peer "
              + id
              + " is on network '"
              + theirs.networkId()
              + "', this node '"
              + local.networkId()
              + "'");
    }
    if (!theirs.consensusType().equals(local.consensusType())) {
      return refuse(
          ctx,
          CONSENSUS_MISMATCH,
          "peer "
              + id
              + " runs consensus '"
              + theirs.consensusType()
              + "', this node '"
              + local.consensusType()
              + "'");
    }
    if (id.equals(local.self())) {
      return refuse(ctx, SELF_CONNECTION, "the peer claims this node's own id " + id);
    }
    if (!local.membership().contains(id)) {
      return refuse(ctx, UNKNOWN_PEER, "peer " + id + " is not in the membership");
    }
    return true;
  }

  private boolean verifies(NodeId id, byte[] transcript, Signature signature) {
    Optional<Member> member = local.membership().member(id);
    return member.isPresent()
        && local.verifier().verify(member.get().publicKey(), transcript, signature);
  }

  private void succeed(ChannelHandlerContext ctx) {
    state = State.DONE;
    cancelTimeout();
    local
        .metrics()
        .increment(TransportMetrics.AUTHENTICATED, "direction", dialer ? "outbound" : "inbound");
    log.debug("{} connection with {} authenticated", dialer ? "outbound" : "inbound", peer);
    listener.authenticated(ctx, peer);
  }

  /** Always returns false so checks can {@code return refuse(...)}. */
  private boolean refuse(ChannelHandlerContext ctx, String reason, String why) {
    // Counted before closing, so whoever sees the close also sees the count.
    local.metrics().increment(TransportMetrics.REFUSED, REASON, reason);
    log.warn(
        "refused {} connection {}: {}",
        dialer ? "outbound" : "inbound",
        ctx.channel().remoteAddress(),
        why);
    fail(ctx);
    return false;
  }

  private void malformed(ChannelHandlerContext ctx, String reason, String why) {
    local.metrics().increment(TransportMetrics.MALFORMED, REASON, reason);
    log.warn("closing connection {}: bad handshake: {}", ctx.channel().remoteAddress(), why);
    fail(ctx);
  }

  private void onTimeout(ChannelHandlerContext ctx) {
    if (state == State.DONE || state == State.FAILED) {
      return;
    }
    refuse(
        ctx,
        HANDSHAKE_TIMEOUT,
        "handshake not finished within " + local.handshakeTimeout().toMillis() + " ms");
  }

  private void fail(ChannelHandlerContext ctx) {
    state = State.FAILED;
    cancelTimeout();
    ctx.close();
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}

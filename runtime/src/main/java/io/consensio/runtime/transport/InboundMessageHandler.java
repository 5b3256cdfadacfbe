package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TransportMetrics.REASON;

import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.InboundHandler;
import io.consensio.runtime.net.MessageChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data side of an accepted, authenticated connection: turns each frame into (channel, payload) and
 * hands it to the node's {@link InboundHandler} on the node's executor, never on this Netty thread.
 * The payload is copied out of Netty's buffer first, so the handler owns plain bytes that outlive
 * the frame. Every hand-over is charged to the transport's {@link InboundBudget}, which stops this
 * connection reading while the node is too far behind. Frames with an unknown channel byte are
 * dropped and counted; an empty frame is a protocol violation and closes the connection. One
 * instance per connection, on its event loop.
 */
final class InboundMessageHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(InboundMessageHandler.class);

  private final NodeId peer;
  private final InboundHandler handler;
  private final Executor executor;
  private final InboundBudget budget;
  private final Metrics metrics;

  InboundMessageHandler(
      NodeId peer,
      InboundHandler handler,
      Executor executor,
      InboundBudget budget,
      Metrics metrics) {
    this.peer = peer;
    this.handler = handler;
    this.executor = executor;
    this.budget = budget;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!(msg instanceof ByteBuf frame) || !frame.isReadable()) {
        metrics.increment(TransportMetrics.MALFORMED, REASON, TransportMetrics.EMPTY_FRAME);
        log.warn("closing connection from {}: empty data frame", peer);
        ctx.close();
        return;
      }
      int wire = frame.readUnsignedByte();
      MessageChannel channel = MessageChannel.fromWire(wire);
      if (channel == null) {
        metrics.increment(TransportMetrics.DROPPED, REASON, TransportMetrics.UNKNOWN_CHANNEL);
        log.debug("dropped a frame from {} on unknown channel {}", peer, wire);
        return;
      }
      deliver(ctx, channel, ByteBufUtil.getBytes(frame));
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void deliver(ChannelHandlerContext ctx, MessageChannel channel, byte[] payload) {
    budget.acquire(ctx.channel(), payload.length);
    try {
      executor.execute(() -> invokeHandler(channel, payload));
    } catch (RejectedExecutionException e) {
      // The node is shutting down; its loop no longer takes work.
      budget.release(payload.length);
      metrics.increment(TransportMetrics.DROPPED, REASON, TransportMetrics.EXECUTOR_REJECTED);
    }
  }

  private void invokeHandler(MessageChannel channel, byte[] payload) {
    try {
      handler.onMessage(peer, channel, payload);
    } catch (RuntimeException e) {
      // A handler bug must not kill the node's event loop; it is counted and logged instead.
      metrics.increment(TransportMetrics.HANDLER_FAILED);
      log.error("inbound handler failed on a {} message from {}", channel, peer, e);
    } finally {
      budget.release(payload.length);
    }
  }
}

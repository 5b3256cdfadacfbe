package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TransportMetrics.REASON;

import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data side of a dialled, authenticated connection. Traffic on it flows one way (this node writes,
 * the peer reads), so the handler only resumes writing when Netty reports the socket writable
 * again, and treats any frame the peer sends back as a protocol violation that closes the
 * connection. One instance per connection, on its event loop.
 */
final class OutboundChannelHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(OutboundChannelHandler.class);

  private final NodeId peer;
  private final Runnable onWritable;
  private final Metrics metrics;

  OutboundChannelHandler(NodeId peer, Runnable onWritable, Metrics metrics) {
    this.peer = peer;
    this.onWritable = onWritable;
    this.metrics = metrics;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      onWritable.run();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
    metrics.increment(TransportMetrics.MALFORMED, REASON, TransportMetrics.UNEXPECTED_FRAME);
    log.warn("closing connection to {}: it sent a frame on an outbound-only connection", peer);
    ctx.close();
  }
}

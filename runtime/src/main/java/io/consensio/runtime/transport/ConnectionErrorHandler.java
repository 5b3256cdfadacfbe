package io.consensio.runtime.transport;

import io.consensio.api.services.Metrics;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every peer pipeline: whatever went wrong on a connection (an oversized or corrupt
 * frame, a reset socket) is counted and closes that connection only. Nothing propagates further, so
 * no peer's bytes can disturb another connection or the node. Stateless and shared.
 */
@Sharable
final class ConnectionErrorHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionErrorHandler.class);

  private final Metrics metrics;

  ConnectionErrorHandler(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!ctx.channel().isOpen()) {
      return; // already handled; later decode attempts on the leftover bytes are noise
    }
    if (cause instanceof TooLongFrameException) {
      metrics.increment(TransportMetrics.OVERSIZED);
      log.warn("closing connection {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
    } else if (cause instanceof DecoderException) {
      metrics.increment(
          TransportMetrics.MALFORMED, TransportMetrics.REASON, TransportMetrics.FRAMING);
      log.warn("closing connection {}: corrupt framing: {}", ctx.channel().remoteAddress(), cause);
    } else if (cause instanceof IOException) {
      log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn(
          "closing connection {} after an unexpected error", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}

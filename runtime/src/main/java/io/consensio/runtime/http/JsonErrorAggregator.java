package io.consensio.runtime.http;

import io.consensio.runtime.metrics.MicrometerMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * {@link HttpObjectAggregator} whose 413 for a body over the limit is JSON like every other error
 * of the API (Netty's own is an empty body). The connection is kept when the rest of the body can
 * be skipped (the client announced its length and keeps the connection alive) and closed otherwise,
 * as Netty does.
 */
final class JsonErrorAggregator extends HttpObjectAggregator {
  private final int maxBodyBytes;
  private final MicrometerMetrics metrics;

  JsonErrorAggregator(int maxBodyBytes, MicrometerMetrics metrics) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
    this.metrics = metrics;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    metrics.increment("api.requests", "route", "oversized", "status", "413");
    ApiResponse error =
        ApiResponse.error(
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            "request body exceeds the limit of " + maxBodyBytes + " bytes");
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(error.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, error.contentType());
    HttpUtil.setContentLength(response, error.body().length);
    // a body already partly aggregated cannot be skipped reliably; without keep-alive or
    // "Expect: 100-continue" the connection has no further use
    boolean close =
        oversized instanceof FullHttpMessage
            || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
    HttpUtil.setKeepAlive(response, !close);
    ctx.writeAndFlush(response)
        .addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
  }
}

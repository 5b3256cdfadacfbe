package io.consensio.runtime.http;

import io.consensio.runtime.metrics.MicrometerMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * Serves the requests of one connection. Each request is parsed here, on the connection's Netty
 * thread, and answered when its future completes; answers are written in request order even when a
 * client pipelines requests and a later one finishes first. Nothing a request does can kill the
 * server: a failed handler becomes a 500 JSON answer, counted in {@code api.handler.error}.
 *
 * <p>Route handlers read the request only synchronously (the aggregated body is released when
 * {@link #channelRead0} returns). One instance per connection; used only on its channel's thread.
 */
final class ApiChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final System.Logger LOG = System.getLogger(ApiChannelHandler.class.getName());

  private final ApiRoutes routes;
  private final MicrometerMetrics metrics;

  /** Completes when the previous request's answer has been handed to the channel. */
  private CompletableFuture<Void> previousWritten = CompletableFuture.completedFuture(null);

  ApiChannelHandler(ApiRoutes routes, MicrometerMetrics metrics) {
    this.routes = routes;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.decoderResult().isFailure()) {
      ApiResponse error =
          ApiResponse.error(
              HttpResponseStatus.BAD_REQUEST,
              "malformed HTTP request: " + request.decoderResult().cause().getMessage());
      answerInOrder(ctx, "malformed", CompletableFuture.completedFuture(error), false);
      return;
    }
    HttpMethod method = request.method();
    String path = new QueryStringDecoder(request.uri()).path();
    ApiRoutes.Match match = routes.match(method, path);
    String route = match.found() ? match.routeName() : "unmatched";
    CompletableFuture<ApiResponse> answer;
    if (!match.found()) {
      answer = CompletableFuture.completedFuture(noRoute(method, path, match));
    } else {
      try {
        answer =
            match
                .handler()
                .apply(new ApiRoutes.ApiRequest(match.matcher(), request, ctx.executor()));
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
    }
    answerInOrder(
        ctx,
        route,
        answer.handle((ok, error) -> ok != null ? ok : failure(route, error)),
        keepAlive);
  }

  private static ApiResponse noRoute(HttpMethod method, String path, ApiRoutes.Match match) {
    if (match.allowed().isEmpty()) {
      return ApiResponse.error(
          HttpResponseStatus.NOT_FOUND, "no such endpoint: " + method + " " + path);
    }
    String allowed =
        match.allowed().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    return ApiResponse.error(
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            "method " + method + " is not allowed on " + path + "; allowed: " + allowed)
        .withHeader(HttpHeaderNames.ALLOW.toString(), allowed);
  }

  /** Turns a failed handler into an answer: its own status, 503 when the node is gone, or 500. */
  private ApiResponse failure(String route, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ApiException api) {
      return ApiResponse.of(api);
    }
    if (cause instanceof RejectedExecutionException) {
      return ApiResponse.error(
          HttpResponseStatus.SERVICE_UNAVAILABLE, "the node is shutting down and answers no more");
    }
    metrics.increment("api.handler.error", "route", route);
    LOG.log(System.Logger.Level.ERROR, "API handler for " + route + " failed", cause);
    return ApiResponse.error(
        HttpResponseStatus.INTERNAL_SERVER_ERROR,
        "internal error while handling "
            + route
            + ": "
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
  }

  private void answerInOrder(
      ChannelHandlerContext ctx,
      String route,
      CompletableFuture<ApiResponse> answer,
      boolean keepAlive) {
    previousWritten =
        previousWritten.thenCombineAsync(
            answer,
            (ignored, response) -> {
              try {
                write(ctx, route, response, keepAlive);
              } catch (RuntimeException e) {
                // keep the chain alive for nobody: this connection is in an unknown state
                LOG.log(System.Logger.Level.ERROR, "could not write an API answer", e);
                ctx.close();
              }
              return null;
            },
            ctx.executor());
  }

  private void write(
      ChannelHandlerContext ctx, String route, ApiResponse answer, boolean keepAlive) {
    metrics.increment(
        "api.requests", "route", route, "status", Integer.toString(answer.status().code()));
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, answer.status(), Unpooled.wrappedBuffer(answer.body()));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
    answer.headers().forEach((name, value) -> response.headers().set(name, value));
    HttpUtil.setContentLength(response, answer.body().length);
    HttpUtil.setKeepAlive(response, keepAlive);
    ctx.writeAndFlush(response)
        .addListener(
            keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // resets and broken pipes are a client's business; the server only drops the connection
    metrics.increment("api.connection.error");
    LOG.log(System.Logger.Level.DEBUG, "API connection failed", cause);
    ctx.close();
  }
}

package io.consensio.runtime.http;

import io.consensio.runtime.metrics.MicrometerMetrics;
import io.consensio.runtime.node.NodeCore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The node's HTTP/1.1 JSON API on Netty: one acceptor thread and one I/O thread, which is plenty
 * for a control and submission API and keeps the node's CPU for consensus.
 *
 * <p>Routes: {@code POST /v1/transactions}, {@code GET /v1/transactions/{id}}, {@code GET
 * /v1/blocks/{height}}, {@code /v1/blocks/by-hash/{id}}, {@code /v1/blocks/head}, {@code GET
 * /v1/status}, {@code GET /v1/accounts/{publicKey}}, {@code GET /metrics} (Prometheus text) and,
 * for engines whose membership changes at run time, the routes of {@link MembershipRoutes}. Every
 * error is JSON {@code {"error": "...", "status": code}}: 400 for bad input, 404 for unknown things
 * and paths, 405 for a wrong method, 413 for a body over the limit, 500 for a handler bug (counted
 * in {@code api.handler.error}; the server carries on), 503 once the node has stopped.
 *
 * <p>Threading: the node core is touched only on its event loop, through the {@code eventLoop}
 * executor given here; Netty threads wait for the answer asynchronously and never block the loop or
 * each other.
 */
public final class HttpApiServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HttpApiServer.class.getName());

  private final HttpApiConfig config;
  private final ApiRoutes routes;
  private final MicrometerMetrics metrics;
  private EventLoopGroup boss;
  private EventLoopGroup worker;
  private Channel serverChannel;

  /**
   * @param node the node to serve; touched only through {@code eventLoop}
   * @param eventLoop the node's event loop, e.g. its {@link
   *     io.consensio.runtime.node.EventLoopScheduler}
   * @param metrics the node's metrics, exported at {@code /metrics} and used to count requests
   * @param facts what {@code /v1/status} reports besides live state
   */
  public HttpApiServer(
      HttpApiConfig config,
      NodeCore node,
      Executor eventLoop,
      MicrometerMetrics metrics,
      NodeFacts facts) {
    this.config = config;
    this.metrics = metrics;
    this.routes = new ApiRoutes(new NodeAccess(node, eventLoop), metrics, facts);
  }

  /**
   * Binds the listen address and starts serving.
   *
   * @return the bound port (the chosen one when the configuration asked for port 0)
   * @throws IllegalStateException if already started
   * @throws UncheckedIOException wrapping the bind failure (address in use, bad host)
   */
  public synchronized int start() {
    if (serverChannel != null) {
      throw new IllegalStateException("the HTTP API is already started");
    }
    boss = new NioEventLoopGroup(1, new DefaultThreadFactory("api-accept", true));
    worker = new NioEventLoopGroup(1, new DefaultThreadFactory("api-io", true));
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, worker)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new JsonErrorAggregator(config.maxBodyBytes(), metrics))
                        .addLast(new ApiChannelHandler(routes, metrics));
                  }
                });
    ChannelFuture bound =
        bootstrap.bind(config.listen().host(), config.listen().port()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      shutdownGroups();
      throw new UncheckedIOException(
          new IOException(
              "cannot bind the HTTP API to " + config.listen() + ": " + bound.cause().getMessage(),
              bound.cause()));
    }
    serverChannel = bound.channel();
    int port = port();
    LOG.log(
        System.Logger.Level.INFO, "HTTP API listening on " + config.listen().host() + ":" + port);
    return port;
  }

  /** The bound port; only after {@link #start()}. */
  public synchronized int port() {
    if (serverChannel == null) {
      throw new IllegalStateException("the HTTP API is not started");
    }
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Stops accepting, closes open connections and waits for the Netty threads to end. */
  @Override
  public synchronized void close() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
      serverChannel = null;
    }
    shutdownGroups();
  }

  private void shutdownGroups() {
    for (EventLoopGroup group : new EventLoopGroup[] {boss, worker}) {
      if (group != null) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
    boss = null;
    worker = null;
  }
}

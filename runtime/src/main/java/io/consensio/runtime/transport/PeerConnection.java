package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TransportMetrics.REASON;

import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's outbound link to one peer: dials it, authenticates, writes queued messages while the
 * socket is writable, and redials with {@link ReconnectBackoff} whenever the connection fails or
 * closes, for as long as the transport runs.
 *
 * <p>Memory stays bounded however slow or dead the peer is: messages wait in a bounded {@link
 * OutboundQueue} (oldest dropped and counted as {@code transport.dropped{reason=queue-full}}), and
 * they move into Netty's buffer only while the channel is writable, so at most the write-buffer
 * high-water mark plus one frame sits there.
 *
 * <p>Threading: {@link #send} is safe from any thread. All connection state is confined to one
 * Netty event loop; fields read from other threads are volatile.
 */
final class PeerConnection {
  private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

  private final NodeId peer;
  private final InetSocketAddress address;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final OutboundQueue queue;
  private final ReconnectBackoff backoff;
  private final Metrics metrics;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final ChannelFutureListener countLostWrites;

  /** The authenticated channel, or null while there is none. Written on the loop only. */
  private volatile Channel authenticated;

  private volatile boolean closed;

  // Confined to the loop.
  private Channel current;
  private ScheduledFuture<?> reconnect;

  PeerConnection(
      NodeId peer,
      InetSocketAddress address,
      EventLoop loop,
      TransportConfig config,
      LocalIdentity local,
      ConnectionErrorHandler errors) {
    this.peer = peer;
    this.address = address;
    this.loop = loop;
    this.metrics = local.metrics();
    this.queue = new OutboundQueue(config.outboundQueueBytes(), config.outboundQueueMessages());
    this.backoff = new ReconnectBackoff(config.reconnectBackoffMin(), config.reconnectBackoffMax());
    this.countLostWrites =
        future -> {
          if (!future.isSuccess()) {
            metrics.increment(TransportMetrics.DROPPED, REASON, TransportMetrics.CONNECTION_LOST);
          }
        };
    int maxFrameBytes = config.maxFrameBytes();
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(EventLoops.socketChannelType())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis()))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    // The acceptor never sends data frames on this connection, so the decoder
                    // keeps its small pre-handshake limit for the connection's whole life.
                    ch.pipeline()
                        .addLast("frames", new FrameDecoder(maxFrameBytes))
                        .addLast(
                            "handshake",
                            HandshakeHandler.dialer(
                                local, peer, PeerConnection.this::onAuthenticated))
                        .addLast("errors", errors);
                  }
                });
  }

  void start() {
    runOnLoop(this::dial);
  }

  /** Queues a message for the peer and triggers a write if the connection is up. */
  void send(MessageChannel channel, byte[] payload) {
    int dropped = queue.offer(channel, payload);
    if (dropped > 0) {
      metrics.add(TransportMetrics.DROPPED, dropped, REASON, TransportMetrics.QUEUE_FULL);
    }
    if (authenticated != null && drainScheduled.compareAndSet(false, true)) {
      runOnLoop(this::drain);
    }
  }

  InetSocketAddress address() {
    return address;
  }

  boolean isConnected() {
    Channel channel = authenticated;
    return channel != null && channel.isActive();
  }

  int queuedMessages() {
    return queue.size();
  }

  long queuedBytes() {
    return queue.bytes();
  }

  /** Stops redialling and closes the connection; queued messages are abandoned. */
  void close() {
    closed = true;
    runOnLoop(
        () -> {
          if (reconnect != null) {
            reconnect.cancel(false);
          }
          if (current != null) {
            current.close();
          }
        });
  }

  private void dial() {
    reconnect = null;
    if (closed) {
      return;
    }
    Channel channel = bootstrap.connect(address).channel();
    current = channel;
    // A failed connect, a refused handshake and a dropped link all end in a closed channel.
    channel.closeFuture().addListener(future -> onClosed(channel));
  }

  private void onAuthenticated(ChannelHandlerContext ctx, NodeId peerId) {
    ctx.pipeline()
        .replace(
            ctx.handler(), "outbound", new OutboundChannelHandler(peerId, this::drain, metrics));
    backoff.reset();
    authenticated = ctx.channel();
    log.info("connected to {} at {}", peer, address);
    drain();
  }

  private void onClosed(Channel channel) {
    if (authenticated == channel) {
      authenticated = null;
      if (!closed) {
        log.info("lost connection to {} at {}", peer, address);
      }
    }
    if (current != channel) {
      return;
    }
    current = null;
    if (closed) {
      return;
    }
    long delay = backoff.nextDelayNanos();
    log.debug("redialling {} at {} in {} ms", peer, address, delay / 1_000_000);
    try {
      reconnect = loop.schedule(this::dial, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The transport is shutting down its event loops.
    }
  }

  /** Moves queued messages into the channel while it is writable. Runs on the loop. */
  private void drain() {
    drainScheduled.set(false);
    Channel channel = authenticated;
    if (channel == null || !channel.isActive()) {
      return;
    }
    boolean wrote = false;
    while (channel.isWritable()) {
      OutboundQueue.Pending next = queue.poll();
      if (next == null) {
        break;
      }
      channel
          .write(FrameEncoder.dataFrame(channel.alloc(), next.channel(), next.payload()))
          .addListener(countLostWrites);
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  private void runOnLoop(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // The transport is shutting down; nothing is delivered any more.
    }
  }
}

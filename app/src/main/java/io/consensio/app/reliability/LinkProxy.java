package io.consensio.app.reliability;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fault-injecting TCP proxy for one directed link of a devnet: node A's config lists node B at
 * this proxy's port, and the proxy relays bytes to B's real port. {@link #cut()} closes every
 * relayed connection and refuses new ones until {@link #heal()}, which is how a node is cut off
 * from the network without touching its process.
 *
 * <p>Threading: Netty event loops relay the bytes; {@code cut} and {@code heal} may be called from
 * any thread.
 */
final class LinkProxy implements AutoCloseable {
  private final EventLoopGroup group;
  private final String host;
  private final int targetPort;
  private final Set<Channel> open = ConcurrentHashMap.newKeySet();
  private final Channel server;
  private volatile boolean cut;

  LinkProxy(EventLoopGroup group, String host, int listenPort, int targetPort) {
    this.group = group;
    this.host = host;
    this.targetPort = targetPort;
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel inbound) {
                    inbound.pipeline().addLast(new Frontend());
                  }
                })
            .bind(host, listenPort)
            .syncUninterruptibly()
            .channel();
  }

  /** Drops every connection on this link and refuses new ones. */
  void cut() {
    cut = true;
    open.forEach(Channel::close);
  }

  void heal() {
    cut = false;
  }

  @Override
  public void close() {
    cut();
    server.close().syncUninterruptibly();
  }

  /** The client side: connects to the target when a connection arrives, then relays. */
  private final class Frontend extends ChannelInboundHandlerAdapter {
    private Channel backend;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel inbound = ctx.channel();
      if (cut) {
        inbound.close();
        return;
      }
      open.add(inbound);
      inbound.closeFuture().addListener(f -> open.remove(inbound));
      backend =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .handler(new Relay(inbound))
              .connect(host, targetPort)
              .addListener(
                  (ChannelFutureListener)
                      connected -> {
                        if (connected.isSuccess() && !cut) {
                          open.add(connected.channel());
                          connected
                              .channel()
                              .closeFuture()
                              .addListener(f -> open.remove(connected.channel()));
                          inbound.read();
                        } else {
                          connected.channel().close();
                          inbound.close();
                        }
                      })
              .channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      relay(ctx, backend, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (backend != null) {
        closeOnFlush(backend);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      closeOnFlush(ctx.channel());
    }
  }

  /**
   * Writes {@code msg} to {@code to} and reads the next message from {@code ctx} only once it is
   * written (back-pressure: a slow side slows the other); a failed write closes {@code to}.
   */
  private static void relay(ChannelHandlerContext ctx, Channel to, Object msg) {
    to.writeAndFlush(msg)
        .addListener(
            (ChannelFutureListener)
                written -> {
                  if (written.isSuccess()) {
                    ctx.channel().read();
                  } else {
                    written.channel().close();
                  }
                });
  }

  /** The target side: relays the target's bytes back to the client. */
  private static final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel inbound;

    Relay(Channel inbound) {
      this.inbound = inbound;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      relay(ctx, inbound, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closeOnFlush(inbound);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      closeOnFlush(ctx.channel());
    }
  }

  private static void closeOnFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}

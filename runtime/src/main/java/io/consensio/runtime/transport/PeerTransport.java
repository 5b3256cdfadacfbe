package io.consensio.runtime.transport;

import static io.consensio.runtime.transport.TransportMetrics.REASON;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.InboundHandler;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticated TCP transport between Consensio nodes (Netty; native epoll on Linux, NIO
 * elsewhere).
 *
 * <p><b>Connections.</b> Every node dials every configured peer and uses that connection only to
 * send; it receives on the connections its peers dial to it. So each pair of nodes shares two TCP
 * connections and no tie-breaking is needed. A peer that is down is redialled with exponential
 * backoff and jitter. The set of peers may change while the transport runs ({@link #updatePeers},
 * for engines whose membership changes): new peers are dialled, removed ones closed.
 *
 * <p><b>Authentication.</b> Before any data frame is accepted, both sides of a connection prove
 * they hold the key the {@link Membership} lists for the id they claim, and agree on network id and
 * consensus type ({@link HandshakeHandler}). Anyone else is refused, counted ({@code
 * transport.refused{reason}}) and disconnected.
 *
 * <p><b>Framing and limits.</b> Frames are length-prefixed and capped at {@link
 * TransportConfig#maxFrameBytes()}; an oversized or corrupt frame closes only the connection it
 * came on. Outbound messages wait in a per-peer queue bounded in bytes and messages; when full the
 * oldest are dropped and counted ({@code transport.dropped{reason=queue-full}}), so a slow or dead
 * peer cannot exhaust memory. Inbound, messages handed to the node but not yet handled are bounded
 * by {@link TransportConfig#inboundPendingBytes()}: above it, connections stop reading and TCP
 * pushes back on their senders, so a flooding peer cannot exhaust memory either.
 *
 * <p><b>Threading.</b> {@link #send} and {@link #broadcast} are non-blocking and safe from any
 * thread; the node calls them from its single event-loop thread. Messages sent before {@link
 * #start()} are queued. Every inbound message is handed to the {@link InboundHandler} through the
 * executor given to the constructor (the node's event loop), never on a Netty thread.
 */
public final class PeerTransport implements PeerMessenger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerTransport.class);

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final TransportConfig config;
  private final LocalIdentity local;
  private final InboundHandler handler;
  private final Executor inboundExecutor;
  private final Metrics metrics;
  private final ConnectionErrorHandler errors;
  private final InboundBudget inboundBudget;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Map<NodeId, PeerConnection> connections = new ConcurrentHashMap<>();
  private final Set<NodeId> gaugedPeers = new HashSet<>();
  private State state = State.NEW;
  private Channel serverChannel;

  /**
   * @param signer this node's key; it must be the key the membership lists for {@code
   *     config.self()}
   * @param membership every node's id and key; each configured peer must be a member
   * @param inboundExecutor where inbound messages are handed over (the node's event-loop thread)
   * @throws IllegalArgumentException if the configuration contradicts the membership
   */
  public PeerTransport(
      TransportConfig config,
      Signer signer,
      Membership membership,
      Verifier verifier,
      InboundHandler handler,
      Executor inboundExecutor,
      Metrics metrics) {
    this.config = Objects.requireNonNull(config, "config");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.inboundExecutor = Objects.requireNonNull(inboundExecutor, "inboundExecutor");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    requireConsistent(config.self(), config.peers().keySet(), signer, membership);
    this.local =
        new LocalIdentity(
            config.self(),
            signer,
            new AtomicReference<>(membership),
            Objects.requireNonNull(verifier, "verifier"),
            config.networkId(),
            config.consensusType(),
            config.handshakeTimeout(),
            new SecureRandom(),
            metrics);
    this.errors = new ConnectionErrorHandler(metrics);
    this.inboundBudget = new InboundBudget(config.inboundPendingBytes(), metrics);
    metrics.gauge(TransportMetrics.INBOUND_PENDING_BYTES, inboundBudget::pendingBytes);
    // Netty starts these threads lazily, on the first task; close() always releases them.
    this.boss = EventLoops.group(1, "consensio-net-accept-" + config.self());
    this.workers = EventLoops.group(2, "consensio-net-io-" + config.self());
    config.peers().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> addConnection(entry.getKey(), entry.getValue()));
  }

  private PeerConnection addConnection(NodeId peer, InetSocketAddress address) {
    PeerConnection connection =
        new PeerConnection(peer, address, workers.next(), config, local, errors);
    connections.put(peer, connection);
    if (gaugedPeers.add(peer)) {
      // Gauges read whichever connection the peer has now, so a re-added peer is measured too.
      String[] tags = {"peer", peer.value()};
      metrics.gauge(TransportMetrics.QUEUED_BYTES, () -> queuedBytes(peer), tags);
      metrics.gauge(TransportMetrics.QUEUED_MESSAGES, () -> queuedMessages(peer), tags);
      metrics.gauge(TransportMetrics.CONNECTED, () -> isConnected(peer) ? 1 : 0, tags);
    }
    return connection;
  }

  /**
   * Follows a membership change: from now on handshakes accept exactly {@code membership}, peers in
   * {@code addresses} that are new are dialled, and connections to peers no longer in it are closed
   * (with what they had queued). A peer whose address changed is redialled at the new one. Members
   * without an address are accepted when they dial in but not dialled.
   *
   * @throws IllegalArgumentException if this node is not in {@code membership} with its key, or an
   *     address belongs to a non-member
   */
  public synchronized void updatePeers(
      Membership membership, Map<NodeId, InetSocketAddress> addresses) {
    requireConsistent(
        config.self(), addresses.keySet(), local.signer(), Objects.requireNonNull(membership));
    local.currentMembership().set(membership);
    if (state == State.CLOSED) {
      return;
    }
    for (Map.Entry<NodeId, PeerConnection> entry : Map.copyOf(connections).entrySet()) {
      InetSocketAddress wanted = addresses.get(entry.getKey());
      if (wanted == null || !wanted.equals(entry.getValue().address())) {
        connections.remove(entry.getKey());
        entry.getValue().close();
        log.info("node {} no longer dials {}", config.self(), entry.getKey());
      }
    }
    addresses.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(entry -> !connections.containsKey(entry.getKey()))
        .forEach(
            entry -> {
              PeerConnection connection = addConnection(entry.getKey(), entry.getValue());
              log.info(
                  "node {} now dials {} at {}", config.self(), entry.getKey(), entry.getValue());
              if (state == State.STARTED) {
                connection.start();
              }
            });
  }

  private static void requireConsistent(
      NodeId selfId, Set<NodeId> peers, Signer signer, Membership membership) {
    Member self =
        membership
            .member(selfId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "this node " + selfId + " is not in the membership"));
    if (!self.publicKey().equals(signer.publicKey())) {
      throw new IllegalArgumentException(
          "the signer's key is not the key the membership lists for " + selfId);
    }
    for (NodeId peer : peers) {
      if (!membership.contains(peer)) {
        throw new IllegalArgumentException(
            "peer " + peer + " has an address but is not in the membership");
      }
    }
  }

  /**
   * Binds the listening socket and starts dialling every peer.
   *
   * @throws IllegalStateException if already started or closed, or if the address cannot be bound
   */
  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("transport already " + state.name().toLowerCase());
    }
    ServerBootstrap server =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(EventLoops.serverChannelType())
            // Lets a restarted node rebind its port while old connections sit in TIME_WAIT.
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    initAcceptedChannel(ch);
                  }
                });
    try {
      serverChannel =
          server.bind(config.listenHost(), config.listenPort()).syncUninterruptibly().channel();
    } catch (Exception e) {
      state = State.CLOSED;
      shutDownEventLoops();
      throw new IllegalStateException(
          "cannot listen on " + config.listenHost() + ":" + config.listenPort(), e);
    }
    state = State.STARTED;
    log.info(
        "node {} listening on {}, dialling {} peers",
        config.self(),
        serverChannel.localAddress(),
        connections.size());
    connections.values().forEach(PeerConnection::start);
  }

  private void initAcceptedChannel(Channel ch) {
    FrameDecoder frames = new FrameDecoder(config.maxFrameBytes());
    ch.pipeline()
        .addLast("frames", frames)
        .addLast(
            "handshake",
            HandshakeHandler.acceptor(
                local,
                (ctx, peer) -> {
                  frames.raiseToDataLimit();
                  ctx.pipeline()
                      .replace(
                          ctx.handler(),
                          "inbound",
                          new InboundMessageHandler(
                              peer, handler, inboundExecutor, inboundBudget, metrics));
                }))
        .addLast("errors", errors);
  }

  /** The port the server socket is bound to (the OS's choice when the configured port is 0). */
  public synchronized int boundPort() {
    if (serverChannel == null) {
      throw new IllegalStateException("transport not started");
    }
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Whether the outbound connection to {@code peer} is up and authenticated. */
  public boolean isConnected(NodeId peer) {
    PeerConnection connection = connections.get(peer);
    return connection != null && connection.isConnected();
  }

  /** Payload bytes received and handed to the node's executor but not yet handled. */
  public long inboundPendingBytes() {
    return inboundBudget.pendingBytes();
  }

  /** Messages waiting to be written to {@code peer} (0 for an id that is not a configured peer). */
  public int queuedMessages(NodeId peer) {
    PeerConnection connection = connections.get(peer);
    return connection == null ? 0 : connection.queuedMessages();
  }

  /** Payload bytes waiting to be written to {@code peer}. */
  public long queuedBytes(NodeId peer) {
    PeerConnection connection = connections.get(peer);
    return connection == null ? 0 : connection.queuedBytes();
  }

  /**
   * Queues {@code payload} for {@code to}. Dropped and counted, never thrown, when {@code to} is
   * not a configured peer ({@code reason=unknown-peer}) or the frame would exceed the size limit
   * ({@code reason=too-large}). The payload is copied, so the caller may reuse the array.
   */
  @Override
  public void send(NodeId to, MessageChannel channel, byte[] payload) {
    PeerConnection connection = connections.get(to);
    if (connection == null) {
      metrics.increment(TransportMetrics.DROPPED, REASON, TransportMetrics.UNKNOWN_PEER);
      log.debug("dropped a {} message to {}: not a configured peer", channel, to);
      return;
    }
    if (fits(channel, payload)) {
      connection.send(channel, payload.clone());
      countSent(channel, 1, payload.length);
    }
  }

  /** Queues {@code payload} for every configured peer. */
  @Override
  public void broadcast(MessageChannel channel, byte[] payload) {
    if (!fits(channel, payload)) {
      return;
    }
    byte[] copy = payload.clone(); // shared read-only by all peers' queues
    for (PeerConnection connection : connections.values()) {
      connection.send(channel, copy);
    }
    countSent(channel, connections.size(), payload.length);
  }

  private void countSent(MessageChannel channel, int copies, int payloadBytes) {
    String tag = channel.name().toLowerCase(java.util.Locale.ROOT);
    metrics.add(TransportMetrics.SENT_MESSAGES, copies, TransportMetrics.CHANNEL, tag);
    metrics.add(
        TransportMetrics.SENT_BYTES, (long) copies * payloadBytes, TransportMetrics.CHANNEL, tag);
  }

  private boolean fits(MessageChannel channel, byte[] payload) {
    // The peer would refuse the frame and drop the whole connection; refuse it here instead.
    if (FrameEncoder.dataBodyLength(payload.length) > config.maxFrameBytes()) {
      metrics.increment(TransportMetrics.DROPPED, REASON, TransportMetrics.TOO_LARGE);
      log.warn(
          "dropped a {} message of {} bytes: above the frame limit of {}",
          channel,
          payload.length,
          config.maxFrameBytes());
      return false;
    }
    return true;
  }

  /** Closes every connection and the listening socket and stops the transport's threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    connections.values().forEach(PeerConnection::close);
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    shutDownEventLoops();
    log.info("node {} transport closed", config.self());
  }

  private void shutDownEventLoops() {
    Future<?> bossDone = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    Future<?> workersDone = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    bossDone.awaitUninterruptibly(10, TimeUnit.SECONDS);
    workersDone.awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}

package io.consensio.runtime.transport;

import io.consensio.api.types.NodeId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one node's {@link PeerTransport}. Immutable; validated on construction so that a bad
 * value fails at startup with a message naming the field, not later on a Netty thread.
 *
 * @param self this node's id; must be in the membership with the signer's key
 * @param listenHost address the server socket binds to ({@code 0.0.0.0}, {@code 127.0.0.1}, ...)
 * @param listenPort port to bind; 0 lets the OS choose (read it back with {@link
 *     PeerTransport#boundPort()})
 * @param peers where to dial every other node; must not contain {@code self}. Unresolved addresses
 *     are resolved on every connection attempt, so a peer that moves is found after a restart
 * @param networkId name of the network; peers with another name are refused in the handshake
 * @param consensusType the engine name ({@code raft}, {@code pbft}, ...); peers running another
 *     engine are refused in the handshake
 * @param maxFrameBytes largest frame body (channel byte + payload) this node accepts and sends
 * @param outboundQueueBytes per-peer bound on the payload bytes waiting to be written
 * @param outboundQueueMessages per-peer bound on the number of messages waiting to be written
 * @param reconnectBackoffMin first delay before redialling a peer that is down
 * @param reconnectBackoffMax the delay between redials doubles up to this ceiling
 * @param handshakeTimeout a connection that has not finished the handshake by then is closed
 * @param inboundPendingBytes bound on received payload bytes handed to the node but not yet
 *     handled; above it the transport stops reading from sockets until the node catches up
 */
public record TransportConfig(
    NodeId self,
    String listenHost,
    int listenPort,
    Map<NodeId, InetSocketAddress> peers,
    String networkId,
    String consensusType,
    int maxFrameBytes,
    long outboundQueueBytes,
    int outboundQueueMessages,
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    Duration handshakeTimeout,
    long inboundPendingBytes) {

  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
  public static final long DEFAULT_OUTBOUND_QUEUE_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_OUTBOUND_QUEUE_MESSAGES = 16_384;
  public static final Duration DEFAULT_BACKOFF_MIN = Duration.ofMillis(100);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(10);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
  public static final long DEFAULT_INBOUND_PENDING_BYTES = 64L * 1024 * 1024;

  /** Longest network id, in UTF-8 bytes, that the handshake carries. */
  public static final int MAX_NETWORK_ID_BYTES = 128;

  /** Longest consensus type, in UTF-8 bytes, that the handshake carries. */
  public static final int MAX_CONSENSUS_TYPE_BYTES = 64;

  public TransportConfig {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(listenHost, "listenHost");
    Objects.requireNonNull(peers, "peers");
    Objects.requireNonNull(reconnectBackoffMin, "reconnectBackoffMin");
    Objects.requireNonNull(reconnectBackoffMax, "reconnectBackoffMax");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    peers = Map.copyOf(peers);
    if (peers.containsKey(self)) {
      throw new IllegalArgumentException(
          "peers must list the other nodes only, but contains this node " + self);
    }
    if (listenPort < 0 || listenPort > 65_535) {
      throw new IllegalArgumentException("listenPort must be 0..65535, got " + listenPort);
    }
    requireName("networkId", networkId, MAX_NETWORK_ID_BYTES);
    requireName("consensusType", consensusType, MAX_CONSENSUS_TYPE_BYTES);
    // The frame body must hold at least the channel byte, and body + 4-byte length must fit an int.
    if (maxFrameBytes < 2 || maxFrameBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxFrameBytes out of range: " + maxFrameBytes);
    }
    if (outboundQueueBytes <= 0 || outboundQueueMessages <= 0) {
      throw new IllegalArgumentException("outbound queue bounds must be positive");
    }
    if (reconnectBackoffMin.isNegative()
        || reconnectBackoffMin.isZero()
        || reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
      throw new IllegalArgumentException(
          "reconnect backoff needs 0 < min <= max, got "
              + reconnectBackoffMin
              + " .. "
              + reconnectBackoffMax);
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshakeTimeout must be positive");
    }
    if (inboundPendingBytes <= 0) {
      throw new IllegalArgumentException("inboundPendingBytes must be positive");
    }
  }

  /** A configuration with the default limits, backoff and handshake timeout. */
  public static TransportConfig of(
      NodeId self,
      String listenHost,
      int listenPort,
      Map<NodeId, InetSocketAddress> peers,
      String networkId,
      String consensusType) {
    return new TransportConfig(
        self,
        listenHost,
        listenPort,
        peers,
        networkId,
        consensusType,
        DEFAULT_MAX_FRAME_BYTES,
        DEFAULT_OUTBOUND_QUEUE_BYTES,
        DEFAULT_OUTBOUND_QUEUE_MESSAGES,
        DEFAULT_BACKOFF_MIN,
        DEFAULT_BACKOFF_MAX,
        DEFAULT_HANDSHAKE_TIMEOUT,
        DEFAULT_INBOUND_PENDING_BYTES);
  }

  public TransportConfig withListenPort(int port) {
    return new TransportConfig(
        self,
        listenHost,
        port,
        peers,
        networkId,
        consensusType,
        maxFrameBytes,
        outboundQueueBytes,
        outboundQueueMessages,
        reconnectBackoffMin,
        reconnectBackoffMax,
        handshakeTimeout,
        inboundPendingBytes);
  }

  public TransportConfig withMaxFrameBytes(int bytes) {
    return new TransportConfig(
        self,
        listenHost,
        listenPort,
        peers,
        networkId,
        consensusType,
        bytes,
        outboundQueueBytes,
        outboundQueueMessages,
        reconnectBackoffMin,
        reconnectBackoffMax,
        handshakeTimeout,
        inboundPendingBytes);
  }

  public TransportConfig withOutboundQueue(long bytes, int messages) {
    return new TransportConfig(
        self,
        listenHost,
        listenPort,
        peers,
        networkId,
        consensusType,
        maxFrameBytes,
        bytes,
        messages,
        reconnectBackoffMin,
        reconnectBackoffMax,
        handshakeTimeout,
        inboundPendingBytes);
  }

  public TransportConfig withReconnectBackoff(Duration min, Duration max) {
    return new TransportConfig(
        self,
        listenHost,
        listenPort,
        peers,
        networkId,
        consensusType,
        maxFrameBytes,
        outboundQueueBytes,
        outboundQueueMessages,
        min,
        max,
        handshakeTimeout,
        inboundPendingBytes);
  }

  public TransportConfig withHandshakeTimeout(Duration timeout) {
    return new TransportConfig(
        self,
        listenHost,
        listenPort,
        peers,
        networkId,
        consensusType,
        maxFrameBytes,
        outboundQueueBytes,
        outboundQueueMessages,
        reconnectBackoffMin,
        reconnectBackoffMax,
        timeout,
        inboundPendingBytes);
  }

  public TransportConfig withInboundPendingBytes(long bytes) {
    return new TransportConfig(
        self,
        listenHost,
        listenPort,
        peers,
        networkId,
        consensusType,
        maxFrameBytes,
        outboundQueueBytes,
        outboundQueueMessages,
        reconnectBackoffMin,
        reconnectBackoffMax,
        handshakeTimeout,
        bytes);
  }

  private static void requireName(String field, String value, int maxBytes) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new IllegalArgumentException(field + " is longer than " + maxBytes + " bytes");
    }
  }
}

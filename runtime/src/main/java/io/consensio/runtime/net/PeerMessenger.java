package io.consensio.runtime.net;

import io.consensio.api.types.NodeId;

/**
 * Outbound side of the peer network as the node core uses it: Netty in a real node, the simulated
 * network in the simulator. Best effort and non-blocking; a message to an unknown or unreachable
 * peer is dropped and counted, never an exception.
 */
public interface PeerMessenger {
  void send(NodeId to, MessageChannel channel, byte[] payload);

  /** Sends to every peer in the membership except this node. */
  void broadcast(MessageChannel channel, byte[] payload);
}

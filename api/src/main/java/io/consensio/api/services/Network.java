package io.consensio.api.services;

import io.consensio.api.types.NodeId;

/**
 * Sends the engine's messages to peers. Delivery is best effort: messages may be lost, delayed,
 * duplicated or reordered, and the engine must be correct anyway. Payloads are the engine's own
 * encoding; the transport tags them with the engine name so a peer running another engine drops
 * them instead of misreading them. Never blocks.
 */
public interface Network {
  void send(NodeId to, byte[] payload);

  /** Sends to every member except this node. */
  void broadcast(byte[] payload);
}

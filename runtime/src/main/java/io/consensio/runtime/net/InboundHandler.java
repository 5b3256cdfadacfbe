package io.consensio.runtime.net;

import io.consensio.api.types.NodeId;

/**
 * Receives authenticated peer messages. {@code from} is the membership name whose key the sender
 * proved; the payload is still untrusted bytes. Implementations must be called on the node's
 * event-loop thread (the transport hands messages over to it).
 */
@FunctionalInterface
public interface InboundHandler {
  void onMessage(NodeId from, MessageChannel channel, byte[] payload);
}

package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.Signed;

/** Signs this replica's messages with {@code context.signer()} and hands them to the network. */
final class Outbox {
  private final ConsensusContext context;

  Outbox(ConsensusContext context) {
    this.context = context;
  }

  <T extends PbftMessage> Signed<T> sign(T message) {
    return Signed.sign(message, context.self(), context.signer());
  }

  void broadcast(Signed<?> message) {
    context.network().broadcast(message.encode());
    context.metrics().increment("pbft.sent", "type", message.message().type().label());
  }

  void send(NodeId to, Signed<?> message) {
    context.network().send(to, message.encode());
    context.metrics().increment("pbft.sent", "type", message.message().type().label());
  }
}

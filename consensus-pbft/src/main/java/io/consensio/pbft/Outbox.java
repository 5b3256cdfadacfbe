package io.consensio.pbft;

import io.consensio.api.ConsensusContext;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.auth.MacAuthenticator;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Signed;
import java.util.Optional;

/**
 * Signs this replica's messages with {@code context.signer()} and hands them to the network. A
 * PRE-PREPARE goes out with an authenticator instead when {@code macs} authentication is on.
 */
final class Outbox {
  private final ConsensusContext context;
  private final Optional<MacAuthenticator> macs;

  Outbox(ConsensusContext context, Optional<MacAuthenticator> macs) {
    this.context = context;
    this.macs = macs;
  }

  <T extends PbftMessage> Signed<T> sign(T message) {
    return Signed.sign(message, context.self(), context.signer());
  }

  /**
   * Multicasts a PRE-PREPARE this replica issues as primary: signed, or with a fresh authenticator
   * (which picks up peer keys learned since an earlier send of the same pre-prepare).
   */
  void broadcastPrePrepare(PrePrepare pp) {
    if (macs.isPresent()) {
      broadcast(macs.get().authenticate(pp));
    } else {
      broadcast(sign(pp));
    }
  }

  void broadcast(Authenticated<?> message) {
    context.network().broadcast(message.encode());
    context.metrics().increment("pbft.sent", "type", message.message().type().label());
  }

  void send(NodeId to, Authenticated<?> message) {
    context.network().send(to, message.encode());
    context.metrics().increment("pbft.sent", "type", message.message().type().label());
  }
}

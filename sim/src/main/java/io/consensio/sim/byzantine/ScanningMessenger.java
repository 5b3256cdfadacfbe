package io.consensio.sim.byzantine;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;

/**
 * An honest node's outbound side while forgeries are about: sends everything unchanged and lets the
 * {@link ForgeryLedger} look for forged signatures in the consensus messages, since an honest node
 * that passes a forged signature on (in a certificate, a relayed block) has taken it in.
 * Single-threaded.
 */
final class ScanningMessenger implements PeerMessenger {
  private final NodeId self;
  private final PeerMessenger real;
  private final ForgeryLedger ledger;

  ScanningMessenger(NodeId self, PeerMessenger real, ForgeryLedger ledger) {
    this.self = self;
    this.real = real;
    this.ledger = ledger;
  }

  @Override
  public void send(NodeId to, MessageChannel channel, byte[] payload) {
    inspect(channel, payload);
    real.send(to, channel, payload);
  }

  @Override
  public void broadcast(MessageChannel channel, byte[] payload) {
    inspect(channel, payload);
    real.broadcast(channel, payload);
  }

  private void inspect(MessageChannel channel, byte[] payload) {
    if (channel == MessageChannel.CONSENSUS && ledger.anyForged()) {
      ledger.scan(self, payload, "a consensus message it sent");
    }
  }
}

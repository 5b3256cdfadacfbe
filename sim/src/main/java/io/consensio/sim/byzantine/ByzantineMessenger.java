package io.consensio.sim.byzantine;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.sim.time.SimScheduler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The outbound side of one byzantine engine instance: its consensus messages are withheld, delayed,
 * replayed and accompanied by forged copies as its {@link ByzantineBehaviour} draws, per message
 * and recipient (a broadcast is handled as one send per peer, so a node can tell different peers
 * different things). Transaction gossip passes untouched. Randomness comes only from the given
 * {@link Random}; delays run on the node's own scheduler. Single-threaded.
 */
final class ByzantineMessenger implements PeerMessenger {
  private static final int HISTORY = 32;

  private final List<NodeId> peers;
  private final SimScheduler scheduler;
  private final PeerMessenger real;
  private final ByzantineBehaviour behaviour;
  private final Random random;
  private final SignatureForger forger;
  private final ArrayDeque<byte[]> history = new ArrayDeque<>();
  private byte[] lastRemembered;

  ByzantineMessenger(
      NodeId self,
      List<NodeId> members,
      SimScheduler scheduler,
      PeerMessenger real,
      ByzantineBehaviour behaviour,
      Random random,
      ForgeryLedger ledger) {
    this.peers = members.stream().filter(m -> !m.equals(self)).toList();
    this.scheduler = scheduler;
    this.real = real;
    this.behaviour = behaviour;
    this.random = random;
    this.forger = new SignatureForger(ledger, random);
  }

  @Override
  public void send(NodeId to, MessageChannel channel, byte[] payload) {
    if (channel == MessageChannel.CONSENSUS) {
      lie(to, payload);
    } else {
      real.send(to, channel, payload);
    }
  }

  @Override
  public void broadcast(MessageChannel channel, byte[] payload) {
    if (channel != MessageChannel.CONSENSUS) {
      real.broadcast(channel, payload);
      return;
    }
    for (NodeId peer : peers) {
      lie(peer, payload);
    }
  }

  private void lie(NodeId to, byte[] payload) {
    if (random.nextDouble() < behaviour.withhold()) {
      // withheld: this recipient never hears it
    } else if (random.nextDouble() < behaviour.delay()) {
      long delay = (long) (random.nextDouble() * (behaviour.maxDelayMillis() + 1));
      byte[] copy = payload.clone();
      scheduler.schedule(delay, () -> real.send(to, MessageChannel.CONSENSUS, copy));
    } else {
      real.send(to, MessageChannel.CONSENSUS, payload);
    }
    if (!history.isEmpty() && random.nextDouble() < behaviour.replay()) {
      List<byte[]> old = new ArrayList<>(history);
      real.send(
          peers.get(random.nextInt(peers.size())),
          MessageChannel.CONSENSUS,
          old.get(random.nextInt(old.size())));
    }
    if (random.nextDouble() < behaviour.forge()) {
      byte[] forged = forger.forge(payload, List.copyOf(history));
      if (forged != null) {
        real.send(to, MessageChannel.CONSENSUS, forged);
      }
    }
    remember(payload);
  }

  private void remember(byte[] payload) {
    if (payload == lastRemembered) {
      return; // one broadcast, many recipients: remember it once
    }
    lastRemembered = payload;
    history.addLast(payload.clone());
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
  }
}

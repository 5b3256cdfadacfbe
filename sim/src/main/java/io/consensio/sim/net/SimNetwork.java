package io.consensio.sim.net;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.InboundHandler;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.sim.net.NetworkStats.Counters;
import io.consensio.sim.net.NetworkStats.DropReason;
import io.consensio.sim.time.SimScheduler;
import io.consensio.sim.trace.TraceRecorder;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The simulated peer network: gives each registered node a {@link PeerMessenger} and delivers its
 * messages, as events on the recipient's {@link SimScheduler}, to the recipient's {@link
 * InboundHandler}.
 *
 * <p>Per message, in this order: a sender that is not running sends nothing; a recipient that is
 * not a member (or the sender itself) drops it; a cut link ({@link Partitions}) drops it; the
 * {@link NetworkModel} may lose it, may add a duplicate, and delays each copy by a latency sample
 * plus, for a fraction of copies, a reordering delay.
 *
 * <p>By default every member reaches every other (a full mesh); an {@link Overlay} restricts both
 * broadcasts and sends to its links, and a {@link LinkDelay} replaces the latency sample with a
 * per-link model (regions, bandwidth).
 *
 * <p>Process states of the recipient: a crashed recipient loses the message, and so does one that
 * crashes while the message is in flight (its connections die with the process, so a restarted node
 * never receives messages addressed to its previous incarnation). A paused recipient does not lose
 * it: like bytes waiting in an OS socket buffer, the message is delivered when the node resumes, in
 * arrival order.
 *
 * <p>Payloads are copied when sent and again for each delivered copy, so neither the sender nor
 * another recipient can change the bytes a handler sees. Every send, delivery and drop is recorded
 * in the {@link TraceRecorder}; payload bytes are hashed once, at send.
 *
 * <p>Threading: single-threaded, driven by the event queue. Randomness comes only from the {@link
 * Random} given to the constructor.
 */
public final class SimNetwork {
  private final Random random;
  private final TraceRecorder trace;
  private final SortedMap<NodeId, Member> members = new TreeMap<>();
  private final Partitions partitions = new Partitions();
  private final NetworkStats stats = new NetworkStats();
  private NetworkModel model;
  private LinkDelay linkDelay;
  private Overlay overlay;
  private long nextMessageId;

  public SimNetwork(NetworkModel model, Random random, TraceRecorder trace) {
    this.model = Objects.requireNonNull(model, "model");
    this.random = Objects.requireNonNull(random, "random");
    this.trace = Objects.requireNonNull(trace, "trace");
  }

  /**
   * Adds {@code node} to the network, run by {@code scheduler}, and returns the messenger its node
   * core sends with. Broadcasts reach every other registered member.
   */
  public PeerMessenger register(NodeId node, SimScheduler scheduler) {
    Objects.requireNonNull(scheduler, "scheduler");
    if (!scheduler.node().equals(node)) {
      throw new IllegalArgumentException(
          "scheduler belongs to " + scheduler.node() + ", not " + node);
    }
    if (members.containsKey(node)) {
      throw new IllegalArgumentException(node + " is already registered");
    }
    members.put(node, new Member(scheduler));
    return new Messenger(node);
  }

  /**
   * Sets the handler that receives {@code node}'s messages; a restarted node's new core sets its
   * own.
   */
  public void setHandler(NodeId node, InboundHandler handler) {
    member(node).handler = Objects.requireNonNull(handler, "handler");
  }

  /** Registered members, in name order. */
  public Set<NodeId> members() {
    return members.keySet();
  }

  public Partitions partitions() {
    return partitions;
  }

  public NetworkModel model() {
    return model;
  }

  /** Replaces the network model for messages sent from now on. */
  public void setModel(NetworkModel model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Delays every message sent from now on by {@code delay} (which sees sender, recipient and size)
   * instead of the network model's latency sample; {@code null} returns to the model's latency.
   */
  public void setLinkDelay(LinkDelay delay) {
    this.linkDelay = delay;
  }

  /**
   * Restricts who talks to whom from now on: broadcasts reach only {@code overlay}'s neighbours of
   * the sender, and a send to a node without a connection is dropped ({@code NOT_CONNECTED}).
   * {@code null} returns to the full mesh.
   */
  public void setOverlay(Overlay overlay) {
    this.overlay = overlay;
  }

  public NetworkStats stats() {
    return stats;
  }

  private Member member(NodeId node) {
    Member member = members.get(node);
    if (member == null) {
      throw new IllegalArgumentException(node + " is not registered");
    }
    return member;
  }

  private void send(NodeId from, NodeId to, MessageChannel channel, byte[] payload) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(channel, "channel");
    byte[] bytes = payload.clone();
    Counters counters = stats.channel(channel);
    counters.sent(bytes.length);
    Member sender = members.get(from);
    long now = sender.scheduler.virtualMicros();
    long messageId = nextMessageId++;
    trace.record(now, from, "send:" + channel + "->" + to + "#" + messageId, bytes);

    Member recipient = members.get(to);
    if (sender.scheduler.state() != SimScheduler.State.RUNNING) {
      drop(counters, DropReason.SENDER_DOWN, from, messageId, bytes.length, now);
      return;
    }
    if (recipient == null || to.equals(from)) {
      drop(counters, DropReason.UNKNOWN_PEER, from, messageId, bytes.length, now);
      return;
    }
    if (overlay != null && !overlay.connected(from, to)) {
      drop(counters, DropReason.NOT_CONNECTED, from, messageId, bytes.length, now);
      return;
    }
    if (partitions.isBlocked(from, to)) {
      drop(counters, DropReason.PARTITIONED, from, messageId, bytes.length, now);
      return;
    }
    NetworkModel m = model;
    if (random.nextDouble() < m.lossProbability()) {
      drop(counters, DropReason.LOST, from, messageId, bytes.length, now);
      return;
    }
    int copies = random.nextDouble() < m.duplicateProbability() ? 2 : 1;
    if (copies == 2) {
      counters.countDuplicate();
    }
    for (int copy = 0; copy < copies; copy++) {
      long delay =
          linkDelay == null
              ? m.latency().sampleMicros(random)
              : linkDelay.delayMicros(from, to, bytes.length, now, random);
      if (m.reorderMaxExtraMicros() > 0 && random.nextDouble() < m.reorderProbability()) {
        delay += (long) (random.nextDouble() * (m.reorderMaxExtraMicros() + 1));
      }
      recipient.scheduler.scheduleAtMicros(
          now + delay,
          () -> deliver(from, to, channel, bytes, messageId),
          () ->
              drop(
                  counters,
                  DropReason.RECIPIENT_DOWN,
                  to,
                  messageId,
                  bytes.length,
                  recipient.scheduler.virtualMicros()));
    }
  }

  private void deliver(NodeId from, NodeId to, MessageChannel channel, byte[] bytes, long id) {
    Member recipient = members.get(to);
    Counters counters = stats.channel(channel);
    long now = recipient.scheduler.virtualMicros();
    if (recipient.handler == null) {
      drop(counters, DropReason.NO_HANDLER, to, id, bytes.length, now);
      return;
    }
    counters.delivered(bytes.length);
    trace.record(now, to, "deliver", id);
    recipient.handler.onMessage(from, channel, bytes.clone());
  }

  private void drop(
      Counters counters, DropReason reason, NodeId at, long messageId, int bytes, long now) {
    counters.dropped(reason, bytes);
    trace.record(now, at, "drop:" + reason, messageId);
  }

  private static final class Member {
    final SimScheduler scheduler;
    InboundHandler handler;

    Member(SimScheduler scheduler) {
      this.scheduler = scheduler;
    }
  }

  private final class Messenger implements PeerMessenger {
    private final NodeId self;

    Messenger(NodeId self) {
      this.self = self;
    }

    @Override
    public void send(NodeId to, MessageChannel channel, byte[] payload) {
      SimNetwork.this.send(self, to, channel, payload);
    }

    @Override
    public void broadcast(MessageChannel channel, byte[] payload) {
      for (NodeId peer : overlay == null ? members.keySet() : overlay.neighbours(self)) {
        if (!peer.equals(self)) {
          SimNetwork.this.send(self, peer, channel, payload);
        }
      }
    }
  }
}

package io.consensio.pbft.sim;

import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.messages.NewKey;
import io.consensio.pbft.messages.Signed;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the byzantine replicas of one simulation share (they collude) and what the honest replicas
 * report back about forged messages. One instance per provider, so per simulation run;
 * single-threaded like the simulation itself.
 */
final class Shared {
  /** The equivocating primary's second block per "view/seq". */
  final Map<String, Block> alternatives = new HashMap<>();

  /**
   * Every node's NEW-KEY, as multicast on the wire: what a byzantine replica learns of its peers'
   * MAC keys in {@code macs} runs.
   */
  final List<Signed<NewKey>> announcements = new ArrayList<>();

  private final SortedSet<NodeId> honest = new TreeSet<>();
  private final Set<ByteBuffer> forgeries = new HashSet<>();
  private long forgedDelivered;
  private long forgedAccepted;

  void honest(NodeId id) {
    honest.add(id);
  }

  NodeId someHonest() {
    return honest.first();
  }

  void registerForgery(byte[] payload) {
    forgeries.add(ByteBuffer.wrap(payload.clone()));
  }

  boolean isForgery(byte[] payload) {
    return forgeries.contains(ByteBuffer.wrap(payload));
  }

  /** An honest replica handled a forged message; {@code dropped} says whether it counted a drop. */
  void forgedDelivered(boolean dropped) {
    forgedDelivered++;
    if (!dropped) {
      forgedAccepted++;
    }
  }

  long forgedDelivered() {
    return forgedDelivered;
  }

  long forgedAccepted() {
    return forgedAccepted;
  }
}
